"""nbgrader's cell checksum (nbgrader.utils.compute_checksum), re-implemented from its published source because nbgrader
itself is not a Debian package (only nbformat is). Prints "grade_id checksum" for every nbgrader cell of a notebook."""
import hashlib
import sys

import nbformat


def is_grade(cell):
    return cell.metadata.get('nbgrader', {}).get('grade', False)


def is_solution(cell):
    return cell.metadata.get('nbgrader', {}).get('solution', False)


def is_locked(cell):
    if 'nbgrader' not in cell.metadata:
        return False
    if is_solution(cell):
        return False
    if is_grade(cell):
        return True
    return cell.metadata['nbgrader'].get('locked', False)


def compute_checksum(cell):
    m = hashlib.md5()
    m.update(cell.source.encode('utf-8'))
    m.update(cell.cell_type.encode('utf-8'))
    m.update(str(is_grade(cell)).encode('utf-8'))
    m.update(str(is_solution(cell)).encode('utf-8'))
    m.update(str(is_locked(cell)).encode('utf-8'))
    m.update(cell.metadata.nbgrader['grade_id'].encode('utf-8'))
    if is_grade(cell):
        m.update(str(float(cell.metadata.nbgrader['points'])).encode('utf-8'))
    return m.hexdigest()


notebook = nbformat.read(sys.argv[1], as_version=4)
for cell in notebook.cells:
    if is_grade(cell) or is_solution(cell) or is_locked(cell):
        print(cell.metadata.nbgrader['grade_id'], compute_checksum(cell))
