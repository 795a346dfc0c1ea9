#!/usr/bin/env python3
# check-screenshots.py: check the AppStream screenshots against docs/screenshots
#
# Copyright 2026 The Stocktake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every screenshot in the metainfo must name a file that is in the screenshots
# folder, at the size the metainfo gives, under the same address as the
# homepage, with a caption; exactly one is the default. Software centres
# fetch the images by address, so a renamed or deleted file would show as a
# broken picture only once released.  Usage:
#
#   check-screenshots.py METAINFO SCREENSHOTS_DIR

import os
import struct
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urlparse


def png_size(path):
    """The width and height in a PNG file's header, or None if it is not one."""
    with open(path, 'rb') as f:
        header = f.read(24)
    if len(header) < 24 or header[:8] != b'\x89PNG\r\n\x1a\n' or header[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', header[16:24])


def check(metainfo, folder):
    problems = []
    root = ET.parse(metainfo).getroot()
    homepage = root.findtext("url[@type='homepage']")
    if not homepage:
        problems.append('no homepage address to compare the screenshots with')
    screenshots = root.findall('screenshots/screenshot')
    if not screenshots:
        problems.append('no screenshots')

    defaults = [s for s in screenshots if s.get('type') == 'default']
    if len(screenshots) > 0 and len(defaults) != 1:
        problems.append('%d screenshots are the default; exactly one must be' % len(defaults))

    seen = set()
    for number, screenshot in enumerate(screenshots, 1):
        caption = (screenshot.findtext('caption') or '').strip()
        if not caption:
            problems.append('screenshot %d has no caption' % number)
        images = screenshot.findall('image')
        if not images:
            problems.append('screenshot %d has no image' % number)
        for image in images:
            url = (image.text or '').strip()
            name = os.path.basename(urlparse(url).path)
            if homepage and not url.startswith(homepage):
                problems.append('%s is not under the homepage %s' % (url, homepage))
            if not name:
                problems.append('screenshot %d has an image with no file name' % number)
                continue
            if name in seen:
                problems.append('%s is shown twice' % name)
            seen.add(name)
            path = os.path.join(folder, name)
            if not os.path.isfile(path):
                problems.append('%s names %s, which is not in %s' % (url, name, folder))
                continue
            size = png_size(path)
            if size is None:
                problems.append('%s is not a PNG image' % path)
                continue
            if image.get('width') and image.get('height'):
                given = (int(image.get('width')), int(image.get('height')))
                if given != size:
                    problems.append('%s is %d×%d, but the metainfo says %d×%d'
                                    % (name, size[0], size[1], given[0], given[1]))
    return len(screenshots), problems


def main():
    if len(sys.argv) != 3:
        print('usage: check-screenshots.py METAINFO SCREENSHOTS_DIR', file=sys.stderr)
        return 2
    count, problems = check(sys.argv[1], sys.argv[2])
    for problem in problems:
        print('%s: %s' % (sys.argv[1], problem), file=sys.stderr)
    if problems:
        return 1
    print('%d screenshots, all in %s' % (count, sys.argv[2]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
