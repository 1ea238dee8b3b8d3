"""nbgrader's exchange: collect without following links, submit without letting other students read.

``nbgrader collect`` copies ``inbound/<student>+<assignment>+<time>/`` with ``shutil.copytree``, which
follows symbolic links and reads FIFOs and device files; the inbound folder is writable by students.
:class:`SafeExchangeCollect` replaces only that copy with :func:`grader.safecopy.copy_submission`
(regular files and folders only, the size capped) and records what it skipped for the class report.
The course's configuration selects it (``c.ExchangeFactory.collect``).

:class:`PrivateExchangeSubmit` (``c.ExchangeFactory.submit``, run by the student) makes the files of a
submission readable by its owner and the course's group only: nbgrader's submit makes them
world-readable, hidden only by the random name of their folder. The exchange's ``inbound`` folder is
set-group-id (nbgrader makes it 2733), so a submission's files belong to the group of the instructor
who released the assignment, who reads them through that group when collecting.
"""

from pathlib import Path

from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import ignore_patterns

from grader.instructor.course import collect_notes, write_collect_notes
from grader.safecopy import copy_submission


class SafeExchangeCollect(ExchangeCollect):
    """``ExchangeCollect`` whose copy never follows a link out of a submission."""

    def copy_files(self):
        write_collect_notes(self.coursedir.root, self.coursedir.assignment_id, {})  # this collection's notes only
        super().copy_files()

    def do_copy(self, src, dest, log=None):
        lost = copy_submission(src, dest)
        if not lost:
            return
        student = Path(dest).parent.name
        assignment = self.coursedir.assignment_id
        notes = collect_notes(self.coursedir.root, assignment)
        notes[student] = [f"{path}: {why}" for path, why in lost]
        write_collect_notes(self.coursedir.root, assignment, notes)
        for line in notes[student]:
            self.log.warning("skipped, %s: %s", student, line)


class PrivateExchangeSubmit(ExchangeSubmit):
    """``ExchangeSubmit`` whose files no other student can read (owner and group only)."""

    def set_perms(self, dest, fileperms, dirperms):
        super().set_perms(dest, fileperms & ~0o007, dirperms & ~0o007)

    def do_copy(self, src, dest, log=None):
        """nbgrader's copy (its size limits, ignore and include patterns) through
        :func:`grader.safecopy.copy_submission`, which does not copy the folders' modes:
        ``shutil.copytree`` would clear the set-group-id bit that the submission's folder takes from
        ``inbound``, and the files written after it (the time stamp, the submission's secret) would no
        longer belong to the course's group. Links and special files are not submitted."""
        size = self.get_size(src)
        if size > 1000 * self.coursedir.max_dir_size:
            self.log.error("Directory size is too big")
            raise RuntimeError(f"Directory size is too big. Size is {size}, maximum size is "
                               f"{1000 * self.coursedir.max_dir_size}")
        ignore = ignore_patterns(exclude=self.coursedir.ignore, include=self.coursedir.include,
                                 max_file_size=self.coursedir.max_file_size, log=self.log)
        for path, why in copy_submission(src, dest, ignore=ignore):
            self.log.warning("not submitted, %s: %s", path, why)
