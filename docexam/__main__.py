import sys

from docexam.cli import main

sys.exit(main())
