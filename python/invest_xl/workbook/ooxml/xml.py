"""One XML part of a package, parsed safely and written back with its own namespace prefixes."""

from __future__ import annotations

import io
from xml.etree import ElementTree as ET

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from invest_xl.errors import InvestXLError
from invest_xl.formatting import not_a_workbook
from invest_xl.workbook.ooxml.parts import XML_DECLARATION, XML_NS


class XmlPart:
    """A parsed part: its root element and the namespace declarations it made, in order."""

    def __init__(self, data: bytes, part: str, label: str):
        self.declarations: list[tuple[str, str]] = []
        root = None
        try:
            for event, item in SafeET.iterparse(io.BytesIO(data), events=("start-ns", "start"),
                                                forbid_dtd=True):
                if event == "start-ns":
                    self.declarations.append(item)
                elif root is None:
                    root = item
        except DefusedXmlException:
            raise InvestXLError(f"{label} afvises: den indeholder XML-konstruktioner, som en "
                                "projektmappe ikke bruger (mulig angrebsfil)") from None
        except ET.ParseError:
            raise InvestXLError(not_a_workbook(label, f"{part} er beskadiget")) from None
        self.root = root

    def to_bytes(self) -> bytes:
        """The part as UTF-8 XML, every prefix the original declared declared on the root.

        Tags are written as literal 'prefix:name' so xml.etree neither invents prefixes
        (ns0) nor drops declarations only mc:Ignorable or mc:Choice Requires refers to.
        """
        prefix_of: dict[str, str] = {}
        declared: dict[str, str] = {}
        for prefix, uri in self.declarations:
            if prefix not in declared:  # a prefix declared again deeper down keeps its first URI
                declared[prefix] = uri
                if uri not in prefix_of or prefix == "":
                    prefix_of[uri] = prefix

        def prefix_for(uri: str, attribute: bool) -> str:
            prefix = prefix_of.get(uri)
            if prefix is None or (attribute and prefix == ""):
                prefix = next((p for p, u in declared.items() if u == uri and p), None)
                if prefix is None:
                    prefix = next(f"ns{n}" for n in range(len(declared) + 1) if f"ns{n}" not in declared)
                    declared[prefix] = uri
                if not attribute:
                    prefix_of[uri] = prefix
            return prefix

        def name(qualified: str, attribute: bool = False) -> str:
            if not qualified.startswith("{"):
                return qualified
            uri, local = qualified[1:].split("}", 1)
            if uri == XML_NS:
                return f"xml:{local}"
            prefix = prefix_for(uri, attribute)
            return f"{prefix}:{local}" if prefix else local

        def literal(element):
            clone = ET.Element(name(element.tag), {name(k, True): v for k, v in element.attrib.items()})
            clone.text, clone.tail = element.text, element.tail
            clone.extend(literal(child) for child in element)
            return clone

        root = literal(self.root)
        attributes = {(f"xmlns:{p}" if p else "xmlns"): u for p, u in declared.items()}
        attributes.update(root.attrib)
        root.attrib = attributes
        return XML_DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8")
