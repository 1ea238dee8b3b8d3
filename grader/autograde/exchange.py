"""nbgrader's exchange collect, copying each submission without following links.

``nbgrader collect`` copies ``inbound/<student>+<assignment>+<time>/`` with ``shutil.copytree``, which
follows symbolic links and reads FIFOs and device files; the inbound folder is writable by students.
:class:`SafeExchangeCollect` replaces only that copy with :func:`grader.safecopy.copy_submission`
(regular files and folders only, the size capped) and records what it skipped for the class report.
The course's configuration selects it (``c.ExchangeFactory.collect``).
"""

from pathlib import Path

from nbgrader.exchange.default.collect import ExchangeCollect

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
