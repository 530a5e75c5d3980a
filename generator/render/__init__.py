"""Records to strings or bytes, never the disk: site pages, letters, calendar, report, queue."""
