from triggermap.cli.entry import main

main()
