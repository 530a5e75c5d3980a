"""One library call per verb: returns a result, prints nothing."""
