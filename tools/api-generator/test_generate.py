#!/usr/bin/env python3
"""Tests of generate.py: golden output for a small spec, plus the naming and leniency rules.

Run from anywhere:      python3 tools/api-generator/test_generate.py
Refresh the golden files after an intended change (then review the diff):
                        python3 tools/api-generator/test_generate.py --update
The Maven build of schematic-cdi runs these before it checks the committed client against the real spec.
"""

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)

import generate  # noqa: E402

MINI_SPEC = os.path.join(HERE, "tests", "mini-openapi.yaml")
GOLDEN = os.path.join(HERE, "tests", "golden")


def run_generator(out_root):
    out = os.path.join(out_root, "dev", "schematic", "api")
    subprocess.run(
        [sys.executable, os.path.join(HERE, "generate.py"), "--spec", MINI_SPEC, "--out", out, "--docs="],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out_root


def files_under(root):
    found = []
    for d, _, names in os.walk(root):
        for n in names:
            found.append(os.path.relpath(os.path.join(d, n), root))
    return sorted(found)


class GoldenTest(unittest.TestCase):
    def test_mini_spec_gives_the_golden_files_byte_for_byte(self):
        with tempfile.TemporaryDirectory() as tmp:
            run_generator(tmp)
            self.assertEqual(files_under(GOLDEN), files_under(tmp), "generated file set differs from golden/")
            for rel in files_under(GOLDEN):
                with open(os.path.join(GOLDEN, rel), "rb") as g, open(os.path.join(tmp, rel), "rb") as o:
                    self.assertEqual(g.read().decode("utf-8"), o.read().decode("utf-8"), rel)

    def test_generation_is_deterministic(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            run_generator(a)
            run_generator(b)
            cmp = filecmp.dircmp(a, b)
            self.assertEqual([], cmp.diff_files + cmp.left_only + cmp.right_only)

    def test_enum_adapter_reads_null_as_null(self):
        text = read_golden("model/Period.java")
        self.assertIn("if (value == null) {\n            return null;", text)
        self.assertIn("return obj == null ? null : obj.value();", text)

    def test_every_generated_type_is_annotated(self):
        for rel in files_under(GOLDEN):
            text = read_golden_abs(os.path.join(GOLDEN, rel))
            self.assertIn("import jakarta.annotation.Generated;", text, rel)
            self.assertIn('@Generated("tools/api-generator/generate.py")\n', text, rel)

    def test_record_components_are_reference_types(self):
        # no primitive component: an absent or null member must read as null, never fail
        text = read_golden("model/CheckResult.java")
        self.assertIn('@JsonbProperty("value") Boolean value', text)
        self.assertIn('@JsonbProperty("usage") Long usage', text)
        self.assertIn('@JsonbProperty("period") Period period', text)


class ShapeTest(unittest.TestCase):
    def test_count_twin_shares_the_list_params_record(self):
        self.assertFalse(os.path.exists(os.path.join(GOLDEN, "dev", "schematic", "api", "features",
                                                     "CountFeaturesParams.java")))
        api = read_golden("features/FeaturesApi.java")
        self.assertIn("CountFeaturesResponse countFeatures(ListFeaturesParams params);", api)
        self.assertIn("ListFeaturesResponse listFeatures(ListFeaturesParams params);", api)

    def test_positional_methods_are_only_in_the_http_mapping(self):
        api = read_golden("features/FeaturesApi.java")
        self.assertNotIn("String keysJson", api)
        self.assertNotIn("jakarta.ws.rs", api)
        http = read_golden("features/FeaturesHttp.java")
        self.assertIn("public interface FeaturesHttp extends FeaturesApi {", http)
        self.assertIn('@QueryParam("keys") String keysJson', http)
        self.assertIn("default ListFeaturesResponse listFeatures(ListFeaturesParams params) {", http)
        clients = read_golden("ApiResourceClients.java")
        self.assertIn("return factory.client(FeaturesHttp.class);", clients)

    def test_discriminated_union_is_a_sealed_interface_with_a_lenient_reader(self):
        text = read_golden("model/Config.java")
        self.assertIn("public sealed interface Config permits ConfigA, ConfigB, Config.Unknown {", text)
        self.assertIn('case "a" -> ConfigA.class;', text)
        self.assertIn("return new Unknown(raw);", text)
        self.assertIn(") implements Config {", read_golden("model/ConfigA.java"))

    def test_union_without_discriminator_stays_one_record(self):
        text = read_golden("model/Target.java")
        self.assertIn("public record Target(", text)
        self.assertIn('@JsonbProperty("day") LocalDate day', text)


class NamingTest(unittest.TestCase):
    def test_camel(self):
        self.assertEqual("resetAt", generate.camel("reset_at"))
        self.assertEqual("id", generate.camel("ID"))
        self.assertEqual("v3dSecure", generate.camel("3d_secure"))

    def test_safe_ident_avoids_keywords_and_object_methods(self):
        self.assertEqual("defaultValue", generate.safe_ident("default"))
        self.assertEqual("hashCodeValue", generate.safe_ident("hashCode"))
        self.assertEqual("name", generate.safe_ident("name"))

    def test_constant_name(self):
        self.assertEqual("ALL_TIME", generate.constant_name("all_time"))
        self.assertEqual("CSV_GZ", generate.constant_name("csv.gz"))
        self.assertEqual("V_1D", generate.constant_name("1d"))
        self.assertEqual("KNOWN_VALUE", generate.constant_name("known"))

    def test_javadoc_escapes_comment_terminators_and_braces(self):
        self.assertEqual("a *&#47; &#123;b&#125; &#64;c", generate.doc_text("a */ {b} @c"))


def read_golden(rel):
    return read_golden_abs(os.path.join(GOLDEN, "dev", "schematic", "api", rel))


def read_golden_abs(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


if __name__ == "__main__":
    if "--update" in sys.argv:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        run_generator(GOLDEN)
        print("golden files rewritten under", GOLDEN)
        sys.exit(0)
    unittest.main()
