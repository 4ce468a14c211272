"""``plrep spectrum ACTIVATION``: Fourier coefficients of sigma(a sin x + b)."""

from __future__ import annotations

import argparse

import numpy as np

from plrep.commands._common import (
    EXIT_OK,
    UsageError,
    add_force,
    add_format,
    examples,
    int_range,
    json_text,
    output_file,
    print_text,
    write_output,
)


def register(commands) -> None:
    parser = commands.add_parser(
        "spectrum",
        help="Fourier coefficients of sigma(a sin x + b)",
        **examples(
            "plrep spectrum relu",
            "plrep spectrum gelu --harmonics 8 --amplitude 2 --bias 0.5",
            "plrep spectrum abs --format png --out abs.png",
        ),
    )
    parser.add_argument("activation", help="activation spec, e.g. relu, gelu, prelu:0.2, pow:3")
    # Only integer-ness here: activation_spectrum checks (and its tests pin) the range.
    parser.add_argument(
        "--harmonics", type=int_range(), default=16, help="number K of harmonics (default: 16)"
    )
    parser.add_argument("--amplitude", type=float, default=1.0, help="amplitude a (default: 1)")
    parser.add_argument("--bias", type=float, default=0.0, help="bias b (default: 0)")
    add_format(parser, ("text", "json", "png", "svg", "pdf"))
    parser.add_argument(
        "--out",
        help="output file ending in the format's suffix (required for png/svg/pdf; text and json go "
        "to stdout otherwise)",
    )
    add_force(parser)
    parser.set_defaults(run=run)


def _text(spectrum) -> str:
    lines = [
        f"{spectrum.activation}({float(spectrum.amplitude):g} sin x + {float(spectrum.bias):g}) = "
        "a0 + sum_k (a_k cos kx + b_k sin kx)",
        f"method: {spectrum.method}, estimated error {float(spectrum.error):.1e}",
        f"{'k':>5}  {'a_k':>22}  {'b_k':>22}",
    ]
    for k, (a, b) in enumerate(zip(spectrum.a, spectrum.b, strict=True)):
        lines.append(f"{k:>5}  {a + 0.0:>22.15g}  {b + 0.0:>22.15g}")  # + 0.0: no "-0"
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from plrep.spectra import activation_spectrum

    picture = args.format in ("png", "svg", "pdf")
    if picture and not args.out:
        raise UsageError(f"`--out` must be given for --format {args.format}, got nothing instead")
    suffix = f".{args.format}" if picture else (".json" if args.format == "json" else None)
    out = output_file(args.out, suffix, force=args.force) if args.out else None
    spectrum = activation_spectrum(
        args.activation, harmonics=args.harmonics, amplitude=args.amplitude, bias=args.bias
    )
    if not (np.all(np.isfinite(spectrum.a)) and np.all(np.isfinite(spectrum.b))):
        raise FloatingPointError(
            f"the coefficients of {args.activation} at amplitude {args.amplitude:g}, bias {args.bias:g} "
            "came out NaN or infinite"
        )
    if picture:
        from plrep.plotting.spectra import plot_guitar_string, save_figure

        figure = plot_guitar_string(
            args.activation, harmonics=args.harmonics, amplitude=args.amplitude, bias=args.bias
        )
        write_output(out, lambda path: save_figure(figure, path, format=args.format), force=args.force)
        print(f"wrote {out}")
        return EXIT_OK
    if args.format == "json":
        payload = spectrum.to_dict()
        text = json_text(
            {k: payload[k] for k in ("activation", "amplitude", "bias", "a", "b", "method", "error")}
        )
    else:
        text = _text(spectrum)
    if out is not None:
        write_output(out, lambda path: path.write_text(text + "\n", encoding="utf-8"), force=args.force)
        print(f"wrote {out}")
    else:
        print_text(text)
    return EXIT_OK
