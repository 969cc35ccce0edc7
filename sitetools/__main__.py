"""Command line for the site's tools: python -m sitetools build [--publish] [--writing] [--debug] [--output DIR]."""

import argparse
import json
import sys

from . import commands


def main(argv=None):
    """Run the command named on the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m sitetools")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the site")
    build.add_argument("--publish", action="store_true", help="use publishconf.py")
    build.add_argument("--writing", action="store_true", help="show drafts and scheduled posts")
    build.add_argument("--debug", action="store_true", help="show technical details of a failure")
    build.add_argument("--output", help="folder to build into")
    build.add_argument("--set", action="append", default=[], metavar="NAME=JSON",
                       help="override a setting, e.g. --set SEARCH_INDEX=false")
    args = parser.parse_args(argv)
    overrides = {}
    for item in args.set:
        name, _, value = item.partition("=")
        overrides[name] = json.loads(value)
    return commands.build(publish=args.publish, debug=args.debug, output=args.output, writing=args.writing,
                          overrides=overrides)


if __name__ == "__main__":
    sys.exit(main())
