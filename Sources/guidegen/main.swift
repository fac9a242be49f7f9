import GuideGenCLI

GuideGen.main()
