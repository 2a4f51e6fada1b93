"""Small helpers shared by the lxml manifest builders."""

from __future__ import annotations

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SAFE_PARSER = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)


def child(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, SAFE_PARSER)


def minutes_duration(minutes: int) -> str:
    """Return ``minutes`` as an ISO 8601 duration (PT1H5M)."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")
