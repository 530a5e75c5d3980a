"""Files to checked records: YAML with line marks, the field rules, every check."""
