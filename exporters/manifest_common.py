"""What the SCORM 1.2 and 2004 manifests share: the package skeleton, titles, file lists, references."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from courses.model import Module

from . import identifiers
from .bundle import ExportOptions, ModuleBundle
from .content import RUNTIME_DIR, launch_path
from .xmlutil import XSI, child, serialize

RUNTIME_RESOURCE = "resource-runtime"


TITLE_LIMIT = 200  # the longest title IMS CP 1.1.2 (SCORM 1.2) allows; 2004 keeps the same for safety


def limited(title: str, limit: int = TITLE_LIMIT) -> str:
    """Return ``title`` shortened on a word boundary to fit ``limit`` characters."""
    if len(title) <= limit:
        return title
    return title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ·,;:") + "…"


def course_title(bundles: Sequence[ModuleBundle], options: ExportOptions) -> str:
    if options.course_title:
        return limited(options.course_title)
    return limited(" · ".join(bundle.module.title for bundle in bundles))


def course_description(bundles: Sequence[ModuleBundle]) -> str:
    return "\n".join(bundle.module.summary for bundle in bundles)


def course_keywords(bundles: Sequence[ModuleBundle]) -> list[str]:
    return list(dict.fromkeys(k for bundle in bundles for k in bundle.module.keywords))


def module_file_names(files: dict[str, bytes], module_id: str) -> list[str]:
    return sorted(name for name in files if name.startswith(f"{module_id}/"))


def runtime_file_names(files: dict[str, bytes]) -> list[str]:
    return sorted(name for name in files if name.startswith(f"{RUNTIME_DIR}/"))


def schema_references(root: etree._Element) -> list[str]:
    """Return the local schema files named in the root's ``xsi:schemaLocation`` (namespace, file pairs)."""
    words = (root.get(f"{{{XSI}}}schemaLocation") or "").split()
    files = words[1::2]
    return [name for name in files if not urlsplit(name).scheme and not name.startswith("//")]


def resource_references(root: etree._Element, namespace: str) -> list[str]:
    """Return every ``href`` of the resources and files of a content-packaging manifest, and the schema
    files its ``xsi:schemaLocation`` names (a package must contain what its manifest points to)."""
    hrefs = schema_references(root)
    for element in root.iter(f"{{{namespace}}}resource", f"{{{namespace}}}file"):
        href = element.get("href")
        if href:
            hrefs.append(href)
    return hrefs


@dataclass(frozen=True, slots=True)
class PackageDialect:
    """What one SCORM edition writes differently into the same content-packaging skeleton."""

    namespace: str  # the IMS CP namespace of the edition
    nsmap: Mapping[str | None, str]
    version: str  # of the manifest element
    scorm_type: str  # the qualified adlcp scorm type attribute; its case differs between editions
    course_metadata: Callable[[etree._Element, str, str, list[str], int], None]
    module_metadata: Callable[[etree._Element, Module], None]
    item_details: Callable[[etree._Element, ModuleBundle, ExportOptions], None]
    item_attributes: Mapping[str, str] = field(default_factory=dict)
    organization_details: Callable[[etree._Element], None] | None = None

    def tag(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}"


def build_package_manifest(
    dialect: PackageDialect, bundles: Sequence[ModuleBundle], options: ExportOptions, files: dict[str, bytes]
) -> bytes:
    """Return a SCORM manifest: one organization, one SCO per module, the runtime as a shared asset."""
    cp = dialect.tag
    identifier = identifiers.course_identifier([bundle.module.id for bundle in bundles])
    # No xsi:schemaLocation: a manifest that names schema files must ship them, and the XSDs carry their
    # own licences; LMSs and validators know the namespaces (see docs/exporting.md).
    root = etree.Element(cp("manifest"), nsmap=dialect.nsmap, identifier=identifier, version=dialect.version)
    title = course_title(bundles, options)
    minutes = sum(bundle.module.minutes for bundle in bundles)
    dialect.course_metadata(root, title, course_description(bundles), course_keywords(bundles), minutes)
    organization_id = f"organization-{identifier}"
    organization = child(
        child(root, cp("organizations"), default=organization_id),
        cp("organization"),
        identifier=organization_id,
    )
    child(organization, cp("title"), title)
    resources = child(root, cp("resources"))
    for bundle in bundles:
        _add_sco(dialect, organization, resources, bundle, options, files)
    if dialect.organization_details is not None:
        dialect.organization_details(organization)
    runtime = child(resources, cp("resource"), identifier=RUNTIME_RESOURCE, type="webcontent")
    runtime.set(dialect.scorm_type, "asset")
    for name in runtime_file_names(files):
        child(runtime, cp("file"), href=name)
    return serialize(root)


def _add_sco(
    dialect: PackageDialect,
    organization: etree._Element,
    resources: etree._Element,
    bundle: ModuleBundle,
    options: ExportOptions,
    files: dict[str, bytes],
) -> None:
    cp, module = dialect.tag, bundle.module
    item = child(
        organization,
        cp("item"),
        identifier=identifiers.item_identifier(module.id),
        identifierref=identifiers.resource_identifier(module.id),
        **dialect.item_attributes,
    )
    child(item, cp("title"), limited(module.title))
    dialect.item_details(item, bundle, options)
    resource = child(
        resources,
        cp("resource"),
        identifier=identifiers.resource_identifier(module.id),
        type="webcontent",
        href=launch_path(module.id),
    )
    resource.set(dialect.scorm_type, "sco")
    dialect.module_metadata(resource, module)
    for name in module_file_names(files, module.id):
        child(resource, cp("file"), href=name)
    child(resource, cp("dependency"), identifierref=RUNTIME_RESOURCE)
