"""Checks dist/sbom.cdx.json (written by `cargo xtask dist`): valid CycloneDX
1.5 by the CycloneDX project's own validator, and true to the bundle: the
crates the modules are built from, each registry crate with its package
URL, license and SHA-256; nothing that ships no code in them (proc-macros,
the training code's smartcore). Run by the nginx suite:
python check_sbom.py dist/sbom.cdx.json"""

import json
import sys

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator


def main(path: str) -> None:
    text = open(path, encoding="utf-8").read()
    error = JsonStrictValidator(SchemaVersion.V1_5).validate_str(text)
    if error:
        sys.exit(f"{path} is not valid CycloneDX 1.5: {error}")
    bom = json.loads(text)
    components = {c["name"]: c for c in bom["components"]}
    for must in ["iris-wasm", "iris-core", "iris-explorer", "iris-files", "iris-workbooks",
                 "wasm-bindgen", "js-sys", "web-sys", "serde", "serde-wasm-bindgen",
                 "postcard", "csv-core", "calamine"]:
        if must not in components:
            sys.exit(f"{path} lists no {must}")
    for never in ["smartcore", "serde_derive", "wasm-bindgen-macro", "syn"]:
        if never in components:
            sys.exit(f"{path} lists {never}, which puts no code in the modules")
    for c in bom["components"]:
        if "purl" not in c:
            continue
        if not c.get("licenses") or not any(h["alg"] == "SHA-256" and len(h["content"]) == 64 for h in c.get("hashes", [])):
            sys.exit(f"{c['name']} {c['version']}: no license or no SHA-256")
        if c["purl"] != f"pkg:cargo/{c['name']}@{c['version']}":
            sys.exit(f"{c['name']}: purl {c['purl']}")
    refs = {c["bom-ref"] for c in bom["components"]} | {"iris-classifier"}
    for dependency in bom["dependencies"]:
        for ref in [dependency["ref"], *dependency["dependsOn"]]:
            if ref not in refs:
                sys.exit(f"the dependency graph names {ref}, which is no component")
    print(f"sbom: {len(components)} crates, valid CycloneDX 1.5, every registry crate with its purl, license and SHA-256")


if __name__ == "__main__":
    main(sys.argv[1])
