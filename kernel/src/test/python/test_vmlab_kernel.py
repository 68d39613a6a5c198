"""jupyter_kernel_test run against the installed VM Lab kernelspec; every sample attribute is filled, so no test skips.

Run by vmlab.kernel.JupyterKernelTestIT with JUPYTER_PATH pointing at a temporary kernelspec directory:
    JUPYTER_PATH=... /usr/bin/python3 -m unittest -v test_vmlab_kernel
"""
import unittest

import jupyter_kernel_test


class VmLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "vmlab"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("a warning on stderr");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "String greeting = \"hi\";\ngreeting.toUpperCa", "matches": {"toUpperCase("}},
    ]

    complete_code_samples = ["1 + 1", "int cores = 2;", "void tick() { }", "for (int i = 0; i < 3; i++) { }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int square(int x) {", "String s = \"abc\" +"]
    invalid_code_samples = ["int 5x = ;"]

    code_page_something = 'page("VM Lab: the pager shows long help texts")'

    code_generate_error = 'throw new IllegalStateException("a guest fault");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"vm\" + \"lab\"", "result": "vmlab"},
        {"code": "Math.max(3, 9)", "result": "9"},
    ]

    code_display_data = [
        {"code": 'display(Table.create("cpu", IntColumn.create("cycles", 1, 2)));', "mime": "text/html"},
        {"code": 'display("plain text");', "mime": "text/plain"},
    ]

    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main()
