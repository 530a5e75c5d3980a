"""One library call per verb of ``ownerkit``: each returns a result and prints nothing.

The CLI (:mod:`generator.cli`) wraps these calls: it turns options into
arguments, results into text or JSON, and our errors into click errors.
A script can call them directly::

    from generator.commands.letters import write_letters
    result = write_letters(Path("my-kit"), dt.date.today(), dry_run=True)
"""
