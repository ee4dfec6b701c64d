# The training build (AIA_HEADLESS): `aia` and `aia-full` over aia_core for a
# machine that has LibTorch and torchvision (PyTorch's wheel on a GPU server)
# and none of Qt, OpenCV, exiv2, ONNX or the extra image codecs. Images are
# JPEG and PNG through torchvision's image library; what needs the rest
# (heatmap drawing, XMP, ONNX export, GIF/HEIC/RAW/...) is refused by name
# (core/src/headless/). Header-only libraries are taken from their CMake
# packages or, where a machine has only the headers, from the include path.

include(AiaTorch)
if(NOT AIA_TORCHVISION_IMAGE_LIB)
  message(FATAL_ERROR "AIA_HEADLESS decodes images with torchvision's image library and none was found: install "
                      "torchvision for the Python whose torch matches this LibTorch, or pass "
                      "-DAIA_TORCHVISION_IMAGE_LIB=/path/to/torchvision/image*.so")
endif()

# A header-only library: its CMake package, else `target` made from the folder holding `header`.
function(aia_header_only package target header)
  find_package(${package} QUIET)
  if(NOT ${package}_FOUND)
    find_path(AIA_${package}_INCLUDE ${header} REQUIRED)
    add_library(${target} INTERFACE IMPORTED GLOBAL)
    target_include_directories(${target} INTERFACE ${AIA_${package}_INCLUDE})
  endif()
endfunction()
aia_header_only(nlohmann_json nlohmann_json::nlohmann_json nlohmann/json.hpp)
aia_header_only(CLI11 CLI11::CLI11 CLI/CLI.hpp)
find_package(ZLIB REQUIRED)

add_library(aia_allocator INTERFACE)
find_package(PkgConfig QUIET)
if(AIA_USE_TCMALLOC AND PkgConfig_FOUND)
  pkg_check_modules(TCMALLOC QUIET IMPORTED_TARGET libtcmalloc)
endif()
if(TCMALLOC_FOUND)
  target_link_libraries(aia_allocator INTERFACE "-Wl,--push-state,--no-as-needed" PkgConfig::TCMALLOC
                                                "-Wl,--pop-state")
  target_compile_definitions(aia_allocator INTERFACE AIA_WITH_TCMALLOC=1)
else()
  message(STATUS "AIA_HEADLESS: tcmalloc not found, glibc's allocator")
endif()
