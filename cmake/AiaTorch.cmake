# LibTorch and what this build can do with it: the part of the dependencies
# that the torch-only build (AIA_TORCH_ONLY) needs too. Works with Debian's
# libtorch-dev and with the LibTorch inside PyTorch's Python wheel
# (-DCMAKE_PREFIX_PATH=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')).

find_package(Torch REQUIRED)
find_package(Threads REQUIRED)

# LibTorch's exported flags carry the ABI definition; keep them on core only.
separate_arguments(AIA_TORCH_CXX_FLAGS UNIX_COMMAND "${TORCH_CXX_FLAGS}")

include(CheckCXXSourceCompiles)
include(CMakePushCheckState)

# The probes below compile without linking: LibTorch's imported targets name
# targets (protobuf::libprotobuf in the wheel) that a probe project lacks.
set(aia_probe_includes ${TORCH_INCLUDE_DIRS} ${CUDAToolkit_INCLUDE_DIRS})
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# c10d over Gloo: the headers come with LibTorch, Gloo's own with libgloo-dev
# on Debian (PyTorch's wheel lacks gloo/algorithm.h: no Gloo there). Probed by
# compiling a use. AIA_ENABLE_GLOO=OFF leaves it out (the NCCL-only build of
# the wheel, tried on Debian's LibTorch).
option(AIA_ENABLE_GLOO "Use c10d's Gloo backend when its headers are found" ON)
find_library(AIA_GLOO_LIBRARY gloo)
cmake_push_check_state(RESET)
set(CMAKE_REQUIRED_FLAGS "${TORCH_CXX_FLAGS}")
set(CMAKE_REQUIRED_DEFINITIONS -DUSE_C10D_GLOO -DUSE_DISTRIBUTED)
set(CMAKE_REQUIRED_INCLUDES ${aia_probe_includes})
set(CMAKE_REQUIRED_QUIET ON)
check_cxx_source_compiles([=[
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
int main() {
  auto options = c10d::ProcessGroupGloo::Options::create();
  options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
  c10d::TCPStoreOptions store;
  return store.isServer ? 1 : 0;
}]=] AIA_HAVE_GLOO)
cmake_pop_check_state()
set(AIA_WITH_GLOO OFF)
if(AIA_ENABLE_GLOO AND AIA_HAVE_GLOO)
  set(AIA_WITH_GLOO ON)
endif()

set(AIA_TORCH_HAS_CUDA OFF)
if(TORCH_CUDA_LIBRARIES OR C10_CUDA_LIBRARY)
  set(AIA_TORCH_HAS_CUDA ON)
endif()

# NCCL, where the linked LibTorch has CUDA and nccl.h is at hand
# (AIA_NCCL_INCLUDE_DIR, e.g. the wheel's nvidia/nccl/include).
option(AIA_ENABLE_NCCL "Use c10d's NCCL backend when the linked LibTorch has CUDA and nccl.h is found" ON)
set(AIA_WITH_NCCL OFF)
if(AIA_ENABLE_NCCL AND AIA_TORCH_HAS_CUDA)
  cmake_push_check_state(RESET)
  set(CMAKE_REQUIRED_FLAGS "${TORCH_CXX_FLAGS}")
  set(CMAKE_REQUIRED_DEFINITIONS -DUSE_C10D_NCCL -DUSE_DISTRIBUTED)
  set(CMAKE_REQUIRED_INCLUDES ${aia_probe_includes} ${AIA_NCCL_INCLUDE_DIR})
  set(CMAKE_REQUIRED_QUIET ON)
  check_cxx_source_compiles([=[
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
int main() {
  auto options = c10d::ProcessGroupNCCL::Options::create();
  options->timeout = std::chrono::milliseconds(1000);
  c10::intrusive_ptr<c10d::Store> store;
  auto group = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, 0, 1, options);
  return group ? 0 : 1;
}]=] AIA_HAVE_NCCL)
  cmake_pop_check_state()
  set(AIA_WITH_NCCL ${AIA_HAVE_NCCL})
endif()
# c10d: process groups over Gloo, NCCL or both.
set(AIA_WITH_C10D OFF)
if(AIA_WITH_GLOO OR AIA_WITH_NCCL)
  set(AIA_WITH_C10D ON)
endif()

# Peak GPU memory from the CUDA caching allocator, for the check program.
set(AIA_WITH_CUDA_STATS OFF)
if(AIA_TORCH_HAS_CUDA)
  cmake_push_check_state(RESET)
  set(CMAKE_REQUIRED_FLAGS "${TORCH_CXX_FLAGS}")
  set(CMAKE_REQUIRED_INCLUDES ${aia_probe_includes})
  set(CMAKE_REQUIRED_QUIET ON)
  check_cxx_source_compiles([=[
#include <c10/cuda/CUDACachingAllocator.h>
int main() {
  c10::cuda::CUDACachingAllocator::resetPeakStats(0);
  const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(0);
  return stats.allocated_bytes[0].peak > 0 ? 0 : 1;
}]=] AIA_HAVE_CUDA_STATS)
  cmake_pop_check_state()
  set(AIA_WITH_CUDA_STATS ${AIA_HAVE_CUDA_STATS})
endif()

unset(CMAKE_TRY_COMPILE_TARGET_TYPE)

message(STATUS "LibTorch ${Torch_VERSION}: c10d/Gloo ${AIA_WITH_GLOO}, NCCL ${AIA_WITH_NCCL}, "
               "CUDA ${AIA_TORCH_HAS_CUDA}, CUDA memory statistics ${AIA_WITH_CUDA_STATS}")

# torchvision's image library (JPEG and PNG decoded through LibTorch's operator
# registry; core loads it at run time): the decoder of a build without OpenCV
# (AIA_HEADLESS), and the second decoder the tests compare with OpenCV's. It
# is the image*.so beside the torchvision of a Python whose torch matches this
# LibTorch (Debian's python3-torchvision, or PyTorch's wheel).
set(AIA_TORCHVISION_IMAGE_LIB "" CACHE FILEPATH "torchvision's image*.so (empty: looked for through python3)")
if(NOT AIA_TORCHVISION_IMAGE_LIB)
  string(REGEX MATCH "^[0-9]+\\.[0-9]+" aia_torch_minor "${Torch_VERSION}")
  foreach(aia_python ${AIA_PYTHON} python3 /usr/bin/python3)
    execute_process(
      COMMAND ${aia_python} -c "import glob, os, torch, torchvision; d = os.path.dirname(torchvision.__file__); \
l = sorted(glob.glob(os.path.join(d, 'image*.so'))); print('.'.join(torch.__version__.split('.')[:2]) + ';' + (l[0] if l else ''))"
      OUTPUT_VARIABLE aia_found RESULT_VARIABLE aia_rc ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(aia_rc EQUAL 0 AND aia_found MATCHES "^${aia_torch_minor};(.+)$")
      set(AIA_TORCHVISION_IMAGE_LIB "${CMAKE_MATCH_1}" CACHE FILEPATH "torchvision's image*.so" FORCE)
      break()
    endif()
  endforeach()
endif()
message(STATUS "torchvision's image library: ${AIA_TORCHVISION_IMAGE_LIB}")
