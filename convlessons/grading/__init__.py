"""Grading that instructors can trust: exercises judged outside the student's kernel.

* :mod:`~convlessons.grading.wire`: values as plain data (JSON), never code;
* :mod:`~convlessons.grading.kernel`: the kernel's side of a call;
* :mod:`~convlessons.grading.judge`: nbgrader's Execute step that runs the
  checkers in the grading process (``JudgedExecute``), hidden-case seeds;
* :mod:`~convlessons.grading.classroom`: ``course.py grade``, a whole class
  in parallel, with a CSV of marks.

``nbgrader_config.py`` at the root of the repository switches it on.
"""
