"""The record shape as JSON Schema, derived from the dataclasses, and validation of loaded data.

The dataclasses in `records.py` (and `curation.py`) are the one source of the shape: a field's type
gives its JSON type, its `metadata` (made with `describe`) its description and constraints, a class's
`PUBLISHED` tuple which fields are published and in what order. `briefing.schema.json` and
`curation.schema.json` are generated from them (`python -m generator.briefing.schema`); a test fails
when the shipped files drift. `validate` checks loaded data against such a schema and names the file,
the field and, for YAML, the line of every problem.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sys
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

import yaml

HERE = Path(__file__).parent
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def describe(doc: str = "", *, key: str = "", optional: bool = False, omit_empty: bool = False,
             **constraints: Any) -> dict:
    """Field metadata: its description, its published name (when not the field's), whether it may be
    left out (and is, when empty), and JSON Schema constraints (enum, pattern, minItems ...)."""
    return {"doc": doc, "key": key, "optional": optional or omit_empty, "omit_empty": omit_empty,
            "constraints": constraints}


INTERNAL = {"internal": True}  # metadata of a field that is never published


def published_fields(cls: type) -> list[dataclasses.Field]:
    """The fields a record publishes, in publication order."""
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    order = getattr(cls, "PUBLISHED", None)
    return [fields[name] for name in order] if order else list(fields.values())


def published_key(f: dataclasses.Field) -> str:
    return f.metadata.get("key") or f.name


_PLANS: dict[type, tuple[tuple[str, str, bool], ...]] = {}  # record class -> (key, field, omit if empty)
_PLAIN = (str, int, float, bool, type(None))


def _plan(cls: type) -> tuple[tuple[str, str, bool], ...]:
    """A record class's published fields, worked out once: a 2,000-article briefing has 490,000 values."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = tuple((published_key(f), f.name, bool(f.metadata.get("omit_empty")))
                                   for f in published_fields(cls))
    return plan


def to_data(obj: Any) -> Any:
    """A record as published plain data: published fields only, under their published names."""
    cls = type(obj)
    if cls in _PLAIN:
        return obj
    if cls in _PLANS or (dataclasses.is_dataclass(obj) and not isinstance(obj, type)):
        out = {}
        for key, name, omit_empty in _plan(cls):
            value = getattr(obj, name)
            if not (omit_empty and value in ("", (), [], None)):
                out[key] = to_data(value)
        return out
    if isinstance(obj, (list, tuple)):
        return [to_data(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in sorted(obj.items())}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, str):
        return str(obj)  # a plain str, also for str subclasses such as an error code
    return obj


def json_schema(cls: type, title: str = "", description: str = "", schema_id: str = "") -> dict:
    """The JSON Schema (draft 2020-12) of a record class."""
    head = {"$schema": DIALECT, "$id": schema_id} if schema_id else {"$schema": DIALECT}
    if title:
        head["title"] = title
    if description:
        head["description"] = description
    return {**head, **_object_schema(cls)}


def _object_schema(cls: type) -> dict:
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    properties, required = {}, []
    for f in published_fields(cls):
        prop = _type_schema(hints[f.name])
        meta = f.metadata
        prop.update(meta.get("constraints", {}))
        if meta.get("doc"):
            prop["description"] = meta["doc"]
        properties[published_key(f)] = prop
        if not meta.get("optional"):
            required.append(published_key(f))
    schema: dict[str, Any] = {"type": "object"}
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        schema["description"] = " ".join(cls.__doc__.split())
    if required:
        schema["required"] = required
    schema.update({"properties": properties, "additionalProperties": False})
    return schema


def _type_schema(hint: Any) -> dict:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        schema = _type_schema(inner[0]) if len(inner) == 1 else {"anyOf": [_type_schema(a) for a in inner]}
        if type(None) in args:
            schema = ({**schema, "type": [schema["type"], "null"]} if isinstance(schema.get("type"), str)
                      else {"anyOf": [schema, {"type": "null"}]})
        return schema
    if origin in (list, tuple):
        return {"type": "array", "items": _type_schema(args[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1])}
    if dataclasses.is_dataclass(hint):
        return _object_schema(hint)
    simple = {str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"},
              float: {"type": "number"}, dt.date: {"type": "string", "format": "date"}}
    if hint in simple:
        return dict(simple[hint])
    raise TypeError(f"no JSON Schema for {hint!r}")


# ---------------------------------------------------------------------------------- validation

@dataclass(frozen=True)
class Violation:
    path: tuple[Union[str, int], ...]  # where in the data: keys and list indices
    line: Optional[int]  # 1-based line in a YAML file, when known
    message: str

    def where(self) -> str:
        return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p))
                       for i, p in enumerate(self.path)) or "(top level)"

    def describe(self, file: str) -> str:
        at = f"{file}:{self.line}" if self.line else file
        return f"{at}: {self.where()}: {self.message}"


_JSON_TYPES = {"string": str, "boolean": bool, "integer": int, "number": (int, float), "array": list,
               "object": dict, "null": type(None)}


def validate(data: Any, schema: dict, node: Optional[yaml.Node] = None) -> list[Violation]:
    """Every place where `data` does not fit `schema` (a subset of JSON Schema: type, enum, pattern,
    format date, required, properties, additionalProperties, items, minItems, anyOf). `node` is the
    YAML node `data` was built from, for line numbers."""
    found: list[Violation] = []
    _check(data, schema, node, (), found)
    return found


def _line(node: Optional[yaml.Node]) -> Optional[int]:
    return node.start_mark.line + 1 if node is not None else None


def _child(node: Optional[yaml.Node], key: Union[str, int]) -> Optional[yaml.Node]:
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _key_node(node: Optional[yaml.Node], key: str) -> Optional[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return next((k for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    return None


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fits_type(value: Any, expected: Union[str, list[str]]) -> bool:
    names = [expected] if isinstance(expected, str) else expected
    return any(isinstance(value, _JSON_TYPES[n]) and not (n in {"integer", "number"} and isinstance(value, bool))
               for n in names)


def _check(value: Any, schema: dict, node: Optional[yaml.Node], path: tuple, found: list[Violation]) -> None:
    def fail(message: str, at: Optional[yaml.Node] = node, where: tuple = path) -> None:
        found.append(Violation(where, _line(at), message))

    if "anyOf" in schema:
        if not any(not validate(value, option) for option in schema["anyOf"]):
            fail(f"{_show(value)} fits none of the allowed forms")
        return
    expected = schema.get("type")
    if expected is not None and not _fits_type(value, expected):
        names = expected if isinstance(expected, str) else " or ".join(expected)
        fail(f"expected {names}, got {_show(value)}")
        return
    if "enum" in schema and value not in schema["enum"]:
        fail(f"{_show(value)} is not one of {', '.join(map(str, schema['enum']))}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            fail(f"{_show(value)} does not match {schema['pattern']}")
        if schema.get("format") == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                fail(f"{_show(value)} is not a date (YYYY-MM-DD)")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            fail(f"needs at least {schema['minItems']} item(s)")
        if "items" in schema:
            for i, item in enumerate(value):
                _check(item, schema["items"], _child(node, i), path + (i,), found)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                fail(f"'{key}' is missing")
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            key = str(key)
            if key in properties:
                _check(item, properties[key], _child(node, key), path + (key,), found)
            elif extra is False:
                allowed = ", ".join(properties) or "nothing"
                fail(f"unknown field '{key}' (expected {allowed})", _key_node(node, key) or node, path + (key,))
            elif isinstance(extra, dict):
                _check(item, extra, _child(node, key), path + (key,), found)


def without(data: Any, violations: list[Violation]) -> Any:
    """`data` less what each violation is about: the list entry it is in (an entry that does not fit
    is skipped whole), else the mapping value itself."""
    cuts = set()
    for v in violations:
        last_index = max((i for i, p in enumerate(v.path) if isinstance(p, int)), default=None)
        cuts.add(v.path[: last_index + 1] if last_index is not None else v.path)
    if () in cuts:
        return type(data)() if isinstance(data, (dict, list)) else None
    for cut in sorted(cuts, key=lambda c: (len(c), [str(p) for p in c]), reverse=True):
        parent = data
        for step in cut[:-1]:
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                parent = None
                break
        if isinstance(parent, dict):
            parent.pop(cut[-1], None)
        elif isinstance(parent, list) and isinstance(cut[-1], int) and cut[-1] < len(parent):
            parent[cut[-1]] = _CUT
    return _drop_cut(data)


_CUT = object()


def _drop_cut(value: Any) -> Any:
    if isinstance(value, list):
        return [_drop_cut(v) for v in value if v is not _CUT]
    if isinstance(value, dict):
        return {k: _drop_cut(v) for k, v in value.items()}
    return value


# ------------------------------------------------------------------------------- YAML with lines

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, keeping dates as the strings the editor wrote (the schema checks them)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


MAX_EXPANDED_NODES = 200_000  # far above any real curation file; an alias bomb expands to billions


class TooLarge(ValueError):
    """The document is larger than MAX_EXPANDED_NODES once its aliases are expanded."""


def expanded_size(node: Optional[yaml.Node], limit: int = MAX_EXPANDED_NODES) -> int:
    """How many nodes the document has with every alias expanded, counted without expanding anything
    (each distinct node once, its size memoised); raises TooLarge past `limit`."""
    sizes: dict[int, int] = {}
    pending = [(node, False)] if node is not None else []
    while pending:  # iterative post-order walk: deep documents cannot exhaust the stack
        current, children_done = pending.pop()
        if id(current) in sizes:
            continue
        children = ([n for pair in current.value for n in pair] if isinstance(current, yaml.MappingNode)
                    else list(current.value) if isinstance(current, yaml.SequenceNode) else [])
        if children_done or not children:
            sizes[id(current)] = size = 1 + sum(sizes[id(c)] for c in children)
            if size > limit:
                raise TooLarge(f"more than {limit:,} values once its YAML aliases are expanded")
        else:
            pending.append((current, True))
            pending.extend((c, False) for c in children if id(c) not in sizes)
    return sizes.get(id(node), 0) if node is not None else 0


def load_yaml_with_nodes(text: str) -> tuple[Any, Optional[yaml.Node]]:
    """Parse once: the data, and the node tree it was built from (for line numbers). A document whose
    aliases would expand past MAX_EXPANDED_NODES is refused before anything is built from it."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        expanded_size(node)
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


# ---------------------------------------------------------------------------- generated files

def shipped_schemas() -> dict[str, dict]:
    """The schema files this package ships, by file name, generated from the records."""
    from generator.briefing.curation import Curation
    from generator.briefing.records import Briefing

    return {
        "briefing.schema.json": json_schema(
            Briefing, "Event briefing", "The data layer of an event briefing: articles, actors, quotes, dated "
            "events and key figures, each item with its source article and sentence.", "briefing.schema.json"),
        "curation.schema.json": json_schema(
            Curation, "Briefing curation", "seeds/curation.yml: the editors' corrections of the machine's "
            "briefing, naming items by their stable ids.", "curation.schema.json"),
    }


def schema_file_text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Write the generated schema files next to this module."""
    for name, schema in shipped_schemas().items():
        (HERE / name).write_text(schema_file_text(schema), encoding="utf-8")
        print(f"wrote {HERE / name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
