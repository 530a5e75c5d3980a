"""Records and pure domain rules: names, dates, who is owed what. Imports nothing of ours but errors."""
