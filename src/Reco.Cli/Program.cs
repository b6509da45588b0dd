System.Console.WriteLine("reco");
