using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Baselines;

/// <summary>Trains the <see cref="TreesPredictor"/>: LightGBM through ML.NET, one regressor per flux.</summary>
public static class TreesBaseline
{
    internal sealed class Row
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public float Weight { get; set; }
    }

    internal static SchemaDefinition Schema(int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    /// <param name="holdoutFraction">The end of each training site's series used for early stopping.</param>
    public static TreesPredictor Train(EncodedSites sites, IReadOnlyList<int> trainSites, TreesOptions options, int seed, double holdoutFraction = 0.2)
    {
        var data = sites.Data;
        var classWeights = ClassWeights.PerSite(data, trainSites);
        // Each site's record is cut at its own 1 - holdoutFraction, as the sequence models' temporal hold-out.
        int Cut(int site) => data.ValidFrom[site] + (int)Math.Round(data.ValidDays(site) * (1 - holdoutFraction));
        var ml = new MLContext(seed);
        var width = sites.Encoding.InputSize;
        var models = new ITransformer[3];
        var targets = new[] { data.Gpp, data.Reco, data.Nee };
        for (var flux = 0; flux < 3; flux++)
        {
            List<Row> Rows(bool fitPart)
            {
                var rows = new List<Row>();
                foreach (var s in trainSites)
                    for (int d = fitPart ? data.ValidFrom[s] : Cut(s), to = fitPart && holdoutFraction > 0 ? Cut(s) : data.ValidTo[s]; d < to; d++)
                    {
                        var i = s * data.Days + d;
                        var y = targets[flux][i];
                        var qc = data.Qc[i];
                        if (float.IsNaN(y) || !(qc > 0))
                            continue;
                        rows.Add(new Row { Features = sites.Series[s].AsSpan(d * width, width).ToArray(), Label = y, Weight = qc * classWeights[s] });
                    }
                return rows;
            }
            var fit = Rows(fitPart: true);
            if (fit.Count == 0)
                throw new ArgumentException("the training sites hold no observed day to fit trees on");
            var holdout = holdoutFraction > 0 ? Rows(fitPart: false) : [];
            var trainer = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                ExampleWeightColumnName = nameof(Row.Weight),
                NumberOfIterations = options.Iterations,
                LearningRate = options.LearningRate,
                NumberOfLeaves = options.Leaves,
                MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
                L2CategoricalRegularization = options.L2,
                Seed = seed,
                NumberOfThreads = options.Threads,
                EarlyStoppingRound = holdout.Count > 0 ? options.EarlyStoppingRounds : 0,
                Booster = new GradientBooster.Options
                {
                    SubsampleFraction = options.RowSubsample,
                    SubsampleFrequency = 1,
                    FeatureFraction = options.ColumnSubsample,
                    L2Regularization = options.L2,
                },
                Silent = true,
            });
            var fitView = ml.Data.LoadFromEnumerable(fit, Schema(width));
            models[flux] = holdout.Count > 0
                ? trainer.Fit(fitView, ml.Data.LoadFromEnumerable(holdout, Schema(width)))
                : trainer.Fit(fitView);
        }
        return new TreesPredictor(ml, models, sites.Encoding, $"trees-seed{seed}");
    }
}
