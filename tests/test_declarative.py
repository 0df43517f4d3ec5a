"""The declarative strategies' facade (regimelab/declarative.py) and every module behind it: files are data,
never code. Each module's behaviour is tested in tests/test_declarative_*.py.
"""

import ast
from pathlib import Path

import regimelab.declarative as declarative


def test_files_are_data_never_code():
    # every module of the declarative format (the facade and the modules it re-exports)
    for path in sorted(Path(declarative.__file__).parent.glob("declarative*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert not called & {"eval", "exec", "compile", "__import__"}, path.name
        assert "importlib" not in imported, path.name
