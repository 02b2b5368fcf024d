"""Imported before NumPy: one BLAS/OpenMP thread, as the PyTorch side of the comparisons uses."""

import os

for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"
