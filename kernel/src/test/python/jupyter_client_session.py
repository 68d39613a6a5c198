"""Drives a running kernel with jupyter_client, from a connection file that VM Lab wrote.

usage: python3 jupyter_client_session.py CONNECTION_FILE CODE [KEY]

Prints one JSON line: whether the kernel answered kernel_info, and for CODE the execute_reply's status and
execution_count, the stream texts and the execute_result's text/plain. KEY, when given, replaces the file's key, as
a stranger without the file would have to guess it.
"""
import json
import sys

from jupyter_client import BlockingKernelClient


def main(connection_file, code, key=None):
    client = BlockingKernelClient(connection_file=connection_file)
    client.load_connection_file()
    if key is not None:
        client.session.key = key.encode("utf-8")
    client.start_channels()
    try:
        try:
            client.wait_for_ready(timeout=5 if key is not None else 60)
        except RuntimeError as error:
            return {"ready": False, "error": str(error)}
        seen = {"streams": [], "results": []}

        def on_output(message):
            content = message["content"]
            if message["msg_type"] == "stream":
                seen["streams"].append([content["name"], content["text"]])
            elif message["msg_type"] == "execute_result":
                seen["results"].append(content["data"]["text/plain"])

        reply = client.execute_interactive(code, output_hook=on_output, timeout=60)
        return {"ready": True, "status": reply["content"]["status"],
                "execution_count": reply["content"].get("execution_count"),
                "session_ok": reply["parent_header"].get("session") == client.session.session, **seen}
    finally:
        client.stop_channels()


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])))
