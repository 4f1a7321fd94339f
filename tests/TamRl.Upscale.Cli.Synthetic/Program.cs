using TamRl.Upscale.Jobs.Synthetic;

// The `tamrl` program, serving the synthetic pipeline too (tests only).
return TamRl.Upscale.Cli.Program.Run(args, catalog => catalog.Register(SyntheticPipeline.Name, SyntheticPipeline.Create));
