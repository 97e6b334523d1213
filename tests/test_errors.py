"""Every error and warning code lives in generator/errors.py, and the README's table is made from it."""
import ast
import re
from pathlib import Path

from generator import errors

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"E\d{3}\b")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def test_no_module_writes_its_own_error_code():
    offenders = []
    for path in sorted([*(ROOT / "generator").rglob("*.py"), *(ROOT / "tools").rglob("*.py")]):
        if path.name == "errors.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                    and CODE.match(node.value.lstrip()):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:40]!r}")
    assert not offenders, "error codes belong in generator/errors.py:\n" + "\n".join(offenders)


def test_every_code_named_in_a_docstring_exists():
    known = {str(c) for c in errors.all_codes()}
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for code in CODE.findall(path.read_text(encoding="utf-8")):
            assert code in known, f"{path.relative_to(ROOT)} names {code}, which errors.py does not define"


def test_codes_are_unique_numbered_and_complete():
    codes = errors.all_codes()
    assert len({str(c) for c in codes}) == len(codes) >= 25
    for code in codes:
        assert re.fullmatch(r"E\d{3}", code) and code.level in {"error", "warning"}
        assert code.means and "\n" not in code.template


def test_a_code_formats_its_template():
    assert errors.E109.text(kind="impossible", detail="2022-02-30") == "impossible date 2022-02-30"
    assert errors.E050(count=2, first="x") == "E050 strict mode: 2 problem(s); first: x"
    assert errors.E104 == "E104" and isinstance(errors.E104, str)


def test_the_readme_table_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert errors.markdown_table() in readme, "regenerate the README's table: python -m generator.errors"
