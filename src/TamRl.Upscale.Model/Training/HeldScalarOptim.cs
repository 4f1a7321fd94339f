using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Optimizers whose numbers are held for the length of each libtorch call (Runtime/HeldScalars). A class here keeps the
/// name of the TorchSharp optimizer it stands in for: TorchSharp writes that name into saved optimizer state and refuses
/// to load state saved under another, so checkpoints written before or after this change resume either way.
/// </summary>
internal static class HeldScalarOptim
{
    /// <summary>
    /// TorchSharp's Adam (the same state, checkpoint format and arithmetic, operation for operation) with every number it hands
    /// libtorch held in a <see cref="Scalar"/> for the length of the call. TorchSharp 0.107's own <c>step</c> turns betas,
    /// epsilon and the step size into temporary Scalars, about six per parameter per step, which only their finalizers free
    /// and nothing keeps alive during the native call (Runtime/HeldScalars explains the "toFloat" error that follows). With
    /// members training on two threads, one thread's allocations trigger collections while the other is inside libtorch, so
    /// the optimizer was the largest remaining source of that race. The variant this project uses only: no weight decay,
    /// no AMSGrad, minimising.
    /// </summary>
    internal sealed class Adam : TorchSharp.Modules.Adam
    {
        /// <summary>As <c>torch.optim.Adam(parameters, lr)</c> (betas 0.9 and 0.999, epsilon 1e-8: that factory's defaults in TorchSharp 0.107).</summary>
        public Adam(IEnumerable<Parameter> parameters, double learningRate)
            : base(parameters, learningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8)
        {
        }

        public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
        {
            var options = (Options)group.Options;
            if (options.weight_decay is not (null or 0) || options.amsgrad == true || options.maximize == true)
                throw new NotSupportedException("HeldScalarOptim.Adam implements Adam without weight decay, AMSGrad or maximising");
            var beta1 = options.beta1!.Value;
            var beta2 = options.beta2!.Value;
            var learningRate = options.LearningRate!.Value;
            using var decay1 = beta1.ToScalar();
            using var gain1 = (1 - beta1).ToScalar();
            using var decay2 = beta2.ToScalar();
            using var gain2 = (1 - beta2).ToScalar();
            using var epsilon = options.eps!.Value.ToScalar();
            foreach (var parameter in group.Parameters)
            {
                var grad = parameter.grad;
                if (grad is null)
                    continue;
                var state = (State)_state[parameter.Handle];
                state.step += 1;
                var correction1 = 1 - Math.Pow(beta1, state.step);
                var correction2 = 1 - Math.Pow(beta2, state.step);
                state.exp_avg.mul_(decay1).add_(grad, alpha: gain1);
                state.exp_avg_sq.mul_(decay2).addcmul_(grad, grad.conj(), value: gain2);
                using var rootCorrection2 = Math.Sqrt(correction2).ToScalar();
                var denominator = state.exp_avg_sq.sqrt().div(rootCorrection2).add_(epsilon);
                using var stepSize = (-(learningRate / correction1)).ToScalar();
                parameter.addcdiv_(state.exp_avg, denominator, value: stepSize);
            }
        }, closure);
    }
}
