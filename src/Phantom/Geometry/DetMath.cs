namespace OccluNet.Live.Phantom.Geometry;

/// <summary>
/// exp, log, sin and cos in plain IEEE arithmetic (range reduction + fixed polynomials), so that the phantom gives
/// bit-identical results on every machine: System.Math defers these to the platform C library, whose last bit
/// differs between operating systems. Accurate to a few ulp, which is far below anything the phantom resolves.
/// </summary>
internal static class DetMath
{
    const double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;
    const double PiOver2Hi = 1.57079632673412561417e+00, PiOver2Lo = 6.07710050650619224932e-11;

    public static double Sqrt(double x) => Math.Sqrt(x); // IEEE 754 requires a correctly rounded square root

    public static double Exp(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x > 709.0) return double.PositiveInfinity;
        if (x < -745.0) return 0.0;
        double k = Math.Round(x / 0.69314718055994530942);
        double r = (x - k * Ln2Hi) - k * Ln2Lo;
        // Horner form of the degree-13 Taylor polynomial with exact reciprocal factorial coefficients
        double sum = InverseFactorial[13];
        for (int n = 12; n >= 0; n--) sum = sum * r + InverseFactorial[n];
        return Math.ScaleB(sum, (int)k);
    }

    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0) return double.NaN;
        if (x == 0) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return x;
        int e = Math.ILogB(x);
        double m = Math.ScaleB(x, -e);
        if (m > 1.4142135623730951) { m *= 0.5; e++; }
        double f = (m - 1.0) / (m + 1.0), f2 = f * f;
        double sum = InverseOdd[12];
        for (int i = 11; i >= 0; i--) sum = sum * f2 + InverseOdd[i];
        return 2.0 * f * sum + e * Ln2Hi + e * Ln2Lo;
    }

    public static double Pow(double x, double y) => x == 0 ? (y == 0 ? 1 : 0) : Exp(y * Log(x));

    public static double Sin(double x) => SinCos(x, sine: true);

    public static double Cos(double x) => SinCos(x, sine: false);

    static double SinCos(double x, bool sine)
    {
        double k = Math.Round(x / 1.57079632679489661923);
        double r = (x - k * PiOver2Hi) - k * PiOver2Lo;
        int quadrant = (int)(((long)k % 4 + 4) % 4);
        if (!sine) quadrant = (quadrant + 1) % 4;
        return quadrant switch
        {
            0 => SinPoly(r),
            1 => CosPoly(r),
            2 => -SinPoly(r),
            _ => -CosPoly(r),
        };
    }

    static double SinPoly(double r)
    {
        double r2 = r * r, sum = 0;
        for (int n = 9; n >= 0; n--) sum = sum * -r2 + InverseFactorial[2 * n + 1];
        return sum * r;
    }

    static double CosPoly(double r)
    {
        double r2 = r * r, sum = 0;
        for (int n = 9; n >= 0; n--) sum = sum * -r2 + InverseFactorial[2 * n];
        return sum;
    }

    /// <summary>1/n! for n = 0..19, each the correctly rounded double of the exact value.</summary>
    static readonly double[] InverseFactorial = BuildInverseFactorial();

    /// <summary>1/(2i+1) for i = 0..12.</summary>
    static readonly double[] InverseOdd = Enumerable.Range(0, 13).Select(i => 1.0 / (2 * i + 1)).ToArray();

    static double[] BuildInverseFactorial()
    {
        var table = new double[20];
        System.Numerics.BigInteger factorial = 1;
        for (int n = 0; n < table.Length; n++)
        {
            if (n > 0) factorial *= n;
            table[n] = 1.0 / (double)factorial; // n! is exact in double up to 18!, and 19! rounds once
        }
        return table;
    }
}
