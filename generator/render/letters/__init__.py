"""Letters as text, cards and email drafts, and the checks run on them before anything is written."""
