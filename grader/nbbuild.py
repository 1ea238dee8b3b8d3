"""``python -m grader.nbbuild``: kept for habit; the builder is :mod:`grader.instructor.nbbuild`."""

if __name__ == "__main__":
    import sys

    from grader.instructor.nbbuild import main

    sys.exit(main())
