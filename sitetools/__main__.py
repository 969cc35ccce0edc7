"""Command line for the site's tools: python -m sitetools build [--publish] [--writing] [--debug] [--output DIR]."""

import argparse
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
    args = parser.parse_args(argv)
    return commands.build(publish=args.publish, debug=args.debug, output=args.output, writing=args.writing)


if __name__ == "__main__":
    sys.exit(main())
