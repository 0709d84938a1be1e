"""What the tests share: builders of launcher files, the stand-in game and the processes tests start, the X
server, the loopback servers, the launchers' own parsers. Test modules import these, never each other."""
