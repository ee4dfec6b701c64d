# Every dependency is a Debian package (packaging/install-deps.sh installs them).
# Nothing is downloaded or vendored.

include(AiaTorch)                       # Debian: libtorch-dev (CPU), libgloo-dev
find_package(nlohmann_json 3.10 REQUIRED)
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs)
find_package(ZLIB REQUIRED)
find_package(CURL REQUIRED)      # the Hub's downloads (aia get-model)
find_package(OpenSSL REQUIRED)   # their sha256 and git sha1 checks
find_package(CLI11 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(EXIV2 REQUIRED IMPORTED_TARGET exiv2)  # XMP sidecars
# The image formats OpenCV does not read: HEIC and AVIF, GIF, camera RAW, JPEG XL.
# ONNX export: Debian's ONNX library (its protobuf types and its checker).
find_package(Protobuf REQUIRED)
find_package(ONNX REQUIRED)
pkg_check_modules(IMAGE_CODECS REQUIRED IMPORTED_TARGET libheif libgif libraw_r libjxl libwebpdemux)
find_package(Qt6 REQUIRED COMPONENTS Core Test)

# tcmalloc: LibTorch allocates and frees large blocks every step; glibc hands
# each one back to the kernel and pays a page fault per 4 KiB on reuse.
add_library(aia_allocator INTERFACE)
if(AIA_USE_TCMALLOC)
  pkg_check_modules(TCMALLOC REQUIRED IMPORTED_TARGET libtcmalloc)
  # --no-as-needed: nothing references tcmalloc by name, it must still load.
  target_link_libraries(aia_allocator INTERFACE "-Wl,--push-state,--no-as-needed" PkgConfig::TCMALLOC
                                                "-Wl,--pop-state")
  target_compile_definitions(aia_allocator INTERFACE AIA_WITH_TCMALLOC=1)
endif()
