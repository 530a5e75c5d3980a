"""The ``ownerkit`` command: click only, the one place our errors become click errors.

:mod:`generator.cli.main` holds the group and the shared options; each verb's
module defines its commands, and they are added here, explicitly, in the order
``ownerkit --help`` lists them.
"""

from generator.cli.consent import consent
from generator.cli.contacts import export, import_
from generator.cli.letters import letters, queue, thanked
from generator.cli.main import main
from generator.cli.private import calendar, report
from generator.cli.records import add, publish, touched
from generator.cli.site import emit

for command in (add, publish, touched, consent, import_, export, letters, queue, thanked, calendar, report, emit):
    main.add_command(command)

__all__ = ["main"]
