"""nbgrader configuration for the course: exercises are judged outside the student's kernel.

Copy this file into your nbgrader course folder (next to source/). Under
`nbgrader autograde`, each checker cell is then decided by the grading
process, which calls the student's function in the kernel through a channel
that carries data only, and adds hidden cases drawn from your secret. The
secret lives in grading_secret.txt beside this file (made on first use; keep
it, and keep it out of students' reach).
"""

from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from convlessons.grading.judge import JudgedExecute

c = get_config()  # noqa: F821 - nbgrader provides get_config

# nbgrader's own autograde steps, with its Execute replaced by the judging one.
c.Autograde.autograde_preprocessors = [
    JudgedExecute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# Beside this file, whatever folder nbgrader is started from.
c.JudgedExecute.secret_file = str(Path(__file__).resolve().parent / "grading_secret.txt")
c.JudgedExecute.call_timeout = 10      # seconds per call of a student's function
c.JudgedExecute.reply_limit = 8_000_000  # characters per reply from the kernel
c.Execute.timeout = 300  # seconds per ordinary cell (lesson 7 trains a network), validate too
