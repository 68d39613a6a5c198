"""Validates a notebook with Debian's nbformat (python3-nbformat) and checks its nbgrader metadata against nbgrader's schema
version 3 rules (required keys, no extra keys); prints 'valid' or the first problem."""
import sys

import nbformat

REQUIRED = {"schema_version", "grade", "locked", "solution"}
ALLOWED = REQUIRED | {"task", "grade_id", "points", "checksum", "cell_type"}

notebook = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)
nbformat.validate(notebook)
for number, cell in enumerate(notebook.cells, 1):
    nbgrader = cell.metadata.get("nbgrader")
    if nbgrader is None:
        continue
    if set(nbgrader) - ALLOWED or REQUIRED - set(nbgrader):
        sys.exit("cell %d: nbgrader keys %s break schema 3" % (number, sorted(nbgrader)))
    if nbgrader["schema_version"] != 3:
        sys.exit("cell %d: schema_version %s" % (number, nbgrader["schema_version"]))
print("valid")
