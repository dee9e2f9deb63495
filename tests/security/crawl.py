"""Walk every URL pattern of the project and turn it into concrete URLs.

The security tests must cover pages other engineers add after they were written, so nothing here
names a view: the resolver tree is walked, each path parameter is filled with an existing object
where one can be guessed (admin object ids from the ModelAdmin, `<model>_id`/`pk` from a model of
that name, node parameters from the org unit under test, `year` from the published year) and with a
dummy value otherwise. A pattern that cannot be reversed with any candidate is reported, not
silently skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

DUMMY_BY_CONVERTER = {"int": "1", "str": "x", "slug": "x", "path": "x",
                      "uuid": "00000000-0000-0000-0000-000000000000"}
STR_CANDIDATES = {
    "period": ["interim", "tertial_1", "october", "full_year", "month"],
    "scenario": ["forecast", "budget", "actual"],
    "measure": ["net_cost", "cost", "revenue"],
    "format": ["json", "csv", "xlsx"],
}


@dataclass
class Route:
    """One leaf URL pattern with the parameters it needs (collected over all enclosing includes)."""

    name: str | None
    description: str
    callback: object
    params: dict[str, str] = field(default_factory=dict)  # name → converter kind ("int", "str", "regex")

    @property
    def node_params(self) -> list[str]:
        return [p for p in self.params if "node" in p or p in {"root_id", "root", "unit", "unit_id", "unit_pk"}]

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0] if self.name else ""


def _converter_kind(converter) -> str:
    for kind in DUMMY_BY_CONVERTER:
        if type(converter).__name__.lower().startswith(kind):
            return kind
    return "str"


def _params_of(pattern) -> dict[str, str]:
    converters = getattr(pattern, "converters", None) or {}
    if converters:
        return {name: _converter_kind(conv) for name, conv in converters.items()}
    regex = getattr(pattern, "regex", None)
    return dict.fromkeys(regex.groupindex, "regex") if regex is not None else {}


def iter_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, namespace: str, prefix: str, params: dict[str, str]) -> None:
        for entry in patterns:
            here = {**params, **_params_of(entry.pattern)}
            text = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else (
                    entry.namespace or namespace)
                walk(entry.url_patterns, ns, text, here)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}".lstrip(":") if entry.name else None
                routes.append(Route(name, text, entry.callback, here))

    walk(get_resolver().url_patterns, "", "/", {})
    return routes


def model_for_param(route: Route, param: str) -> type[models.Model] | None:
    """The model a parameter most likely refers to, or None."""
    model_admin = getattr(route.callback, "model_admin", None)
    if model_admin is not None and param in {"object_id", "pk", "id"}:
        return model_admin.model
    view_class = getattr(route.callback, "view_class", None)
    if view_class is not None and param in {"pk", "id", "slug"}:
        model = getattr(view_class, "model", None) or getattr(getattr(view_class, "queryset", None), "model", None)
        if model is not None:
            return model
    base = re.sub(r"(_id|_pk|_uuid)$", "", param).replace("_", "")
    if not base or base in {"pk", "id"}:
        return None
    candidates = [m for m in apps.get_models() if m._meta.model_name == base]
    candidates = candidates or [m for m in apps.get_models() if m._meta.model_name.endswith(base)]
    return candidates[0] if len(candidates) == 1 else None


def candidates_for(route: Route, param: str, kind: str, context: dict) -> list[str]:
    """Values to try for one parameter, best first."""
    values: list[str] = []
    if param in route.node_params and context.get("node") is not None:
        values.append(str(context["node"].pk))
    if param in {"year", "fiscal_year", "year_id"}:
        values.append(str(context.get("year", 2024)))
    if param == "app_label":
        values += [cfg.label for cfg in apps.get_app_configs()]
    model = model_for_param(route, param)
    if model is not None:
        pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        if pk is not None:
            values.append(str(pk))
    values += STR_CANDIDATES.get(param, [])
    if param == "content_type_id":
        from django.contrib.contenttypes.models import ContentType

        values.append(str(ContentType.objects.order_by("pk").values_list("pk", flat=True).first()))
    values += ["1", "x", DUMMY_BY_CONVERTER.get(kind, "x"), "2024", "0"]
    return list(dict.fromkeys(values))


_ROUTE_PARAM_RE = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def build_url(route: Route, context: dict) -> str | None:
    """A concrete URL for the route, or None if it can't be built (the caller reports those)."""
    if route.name is None:
        # Unnamed path() routes (the admin's <object_id>/ redirect) are filled in textually;
        # unnamed regex routes (the admin's catch-all) can't be.
        if "(?P" in route.description or "^" in route.description:
            return None
        return _ROUTE_PARAM_RE.sub(
            lambda m: candidates_for(route, m["name"], m["conv"] or "str", context)[0], route.description)
    kwargs: dict[str, str] = {}
    for param, kind in route.params.items():
        kwargs[param] = candidates_for(route, param, kind, context)[0]
    try:
        return reverse(route.name, kwargs=kwargs or None)
    except NoReverseMatch:
        pass
    # Regex patterns restrict values (admin app_label, ...): try each parameter's candidates in turn.
    for param, kind in route.params.items():
        for value in candidates_for(route, param, kind, context):
            trial = {**kwargs, param: value}
            try:
                url = reverse(route.name, kwargs=trial)
            except NoReverseMatch:
                continue
            kwargs = trial
            return url
    return None


def unnamed_routes(routes: list[Route]) -> list[Route]:
    return [r for r in routes if r.name is None]
