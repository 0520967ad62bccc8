#!/usr/bin/env node
// The installed `livedrops` command. A file that exists before the build, so that pnpm links
// it at install time on a fresh clone (a bin pointing into dist/ would be skipped then).
import '../dist/src/main.js';
