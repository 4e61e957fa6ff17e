from triggermap.cli.app import main

main()
