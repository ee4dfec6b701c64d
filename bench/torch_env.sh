# Sourced by bench/gpu_check.sh and bench/device_run.sh: which LibTorch to
# build against. Sets torch_prefix (empty: the system's, Debian's
# libtorch-dev), torch_python (the python3 whose torch that is, for the
# Python baseline and torchvision) and nccl_include (the wheel's nccl.h, if
# any). $TORCH_PREFIX wins; else the first python3 whose torch package
# carries CMake files (PyTorch's wheel: torch.utils.cmake_prefix_path).
torch_prefix=${TORCH_PREFIX:-}
torch_python=/usr/bin/python3
nccl_include=
if [[ -z $torch_prefix ]]; then
  for py in python3 /usr/bin/python3; do
    p=$("$py" -c 'import torch; print(torch.utils.cmake_prefix_path)' 2>/dev/null) || continue
    if [[ -d $p/Torch ]]; then
      torch_prefix=$p
      torch_python=$(command -v "$py")
      nccl_include=$("$py" -c 'import nvidia.nccl, os; print(os.path.join(list(nvidia.nccl.__path__)[0], "include"))' 2>/dev/null || true)
      break
    fi
  done
fi
