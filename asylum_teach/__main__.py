import sys

from asylum_teach.cli import main

sys.exit(main())
