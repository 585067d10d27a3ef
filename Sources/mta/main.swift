import MTACommands
MTA.main()
