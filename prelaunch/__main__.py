from prelaunch.cli import main

raise SystemExit(main())
