/** Small dense linear algebra for exam set-up (Q×Q matrices), exact operations only. */

/** Largest eigenvalue of a symmetric positive semi-definite n×n matrix (row-major) by power iteration. */
export function largestEigenvalue(a: Float64Array, n: number, iterations = 200): number {
  // A start with no symmetry: a uniform start is exactly orthogonal to the top eigenvector of, say,
  // [[a, −b], [−b, a]], and power iteration would then never leave the smaller one.
  let v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = 1 + ((i * 0.6180339887498949) % 1);
  let w = new Float64Array(n);
  let lambda = 0;
  for (let it = 0; it < iterations; it++) {
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * v[j];
      w[i] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm);
    if (norm === 0) return 0;
    lambda = norm;
    for (let i = 0; i < n; i++) w[i] /= norm;
    const t = v;
    v = w;
    w = t;
  }
  return lambda;
}

/** Gram matrix G = A Aᵀ of a row-major rows×cols matrix, with row i scaled by s[i] when given. */
export function gram(a: Float64Array, rows: number, cols: number): Float64Array {
  const g = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i; j < rows; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) s += a[i * cols + k] * a[j * cols + k];
      g[i * rows + j] = s;
      g[j * rows + i] = s;
    }
  }
  return g;
}
