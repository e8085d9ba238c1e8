Console.WriteLine("host: not yet wired");
