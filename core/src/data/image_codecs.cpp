// The decoders for the formats OpenCV does not read (image_codecs.h).
// References: libheif's heif.h, giflib's gif_lib.h (GIF89a: graphic control
// extension, interlaced rows in four passes), LibRaw's API notes (open,
// unpack_thumb, unpack, dcraw_process; sizes.flip as dcraw writes it), libjxl's
// decode.h (basic info before the image buffer).

#include "data/image_codecs.h"

#include "aia/data/image_header.h"

#include <gif_lib.h>
#include <jxl/decode.h>
#include <jxl/decode_cxx.h>
#include <libheif/heif.h>
#include <libraw.h>
#include <webp/demux.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

namespace aia::detail {

namespace {

bool fail(std::string* error, std::string why) {
  if (error) *error = std::move(why);
  return false;
}

}  // namespace

bool decode_heif(std::string_view bytes, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels) {
  static std::once_flag init;
  std::call_once(init, [] { heif_init(nullptr); });
  std::unique_ptr<heif_context, void (*)(heif_context*)> ctx(heif_context_alloc(), heif_context_free);
  heif_error e = heif_context_read_from_memory_without_copy(ctx.get(), bytes.data(), bytes.size(), nullptr);
  if (e.code != heif_error_Ok) return fail(error, std::string("HEIF container not readable: ") + e.message);
  heif_image_handle* raw_handle = nullptr;
  e = heif_context_get_primary_image_handle(ctx.get(), &raw_handle);
  if (e.code != heif_error_Ok) return fail(error, std::string("HEIF without a primary image: ") + e.message);
  std::unique_ptr<heif_image_handle, void (*)(const heif_image_handle*)> handle(raw_handle, heif_image_handle_release);
  const auto w = static_cast<std::uint64_t>(std::max(0, heif_image_handle_get_width(handle.get())));
  const auto h = static_cast<std::uint64_t>(std::max(0, heif_image_handle_get_height(handle.get())));
  if (auto why = over_cap("HEIF image", w, h, max_pixels); !why.empty()) return fail(error, why);
  heif_image* raw_image = nullptr;
  e = heif_decode_image(handle.get(), &raw_image, heif_colorspace_RGB, heif_chroma_interleaved_RGB, nullptr);
  if (e.code != heif_error_Ok) return fail(error, std::string("HEIF image not decodable: ") + e.message);
  std::unique_ptr<heif_image, void (*)(const heif_image*)> image(raw_image, heif_image_release);
  int stride = 0;
  const std::uint8_t* plane = heif_image_get_plane_readonly(image.get(), heif_channel_interleaved, &stride);
  const int width = heif_image_get_width(image.get(), heif_channel_interleaved);
  const int height = heif_image_get_height(image.get(), heif_channel_interleaved);
  if (!plane || width <= 0 || height <= 0 ||
      heif_image_get_bits_per_pixel_range(image.get(), heif_channel_interleaved) != 8)
    return fail(error, "HEIF image decoded without 8-bit RGB pixels");
  const cv::Mat rgb(height, width, CV_8UC3, const_cast<std::uint8_t*>(plane), static_cast<std::size_t>(stride));
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  return true;
}

namespace {

// giflib's words for an error code; it has none (a null pointer) for codes it does not know, 0 included
// (found by fuzz_image: fuzz/regressions/image/gif-error-without-words).
std::string gif_error(int code) {
  const char* words = GifErrorString(code);
  return words ? words : "the file ends or breaks off early (giflib error " + std::to_string(code) + ")";
}

struct GifSource {
  std::string_view bytes;
  std::size_t at = 0;
};

int read_gif(GifFileType* gif, GifByteType* to, int n) {
  auto* source = static_cast<GifSource*>(gif->UserData);
  const std::size_t k = std::min(static_cast<std::size_t>(std::max(n, 0)), source->bytes.size() - source->at);
  std::memcpy(to, source->bytes.data() + source->at, k);
  source->at += k;
  return static_cast<int>(k);
}

// Draws the image record that DGifGetImageDesc has just read onto `canvas`.
bool draw_gif_frame(GifFileType* gif, cv::Mat& canvas, int transparent, std::uint64_t max_pixels, std::string* error) {
  const GifImageDesc& d = gif->Image;
  const ColorMapObject* map = d.ColorMap ? d.ColorMap : gif->SColorMap;
  if (!map) return fail(error, "GIF frame without a colour table");
  if (auto why = over_cap("GIF frame", static_cast<std::uint64_t>(std::max(d.Width, 0)),
                          static_cast<std::uint64_t>(std::max(d.Height, 0)), max_pixels);
      !why.empty())
    return fail(error, why);
  std::vector<GifPixelType> line(static_cast<std::size_t>(d.Width));
  std::vector<int> rows;  // file order of the rows: four passes when interlaced
  if (d.Interlace) {
    static constexpr int first[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
    for (int pass = 0; pass < 4; ++pass)
      for (int y = first[pass]; y < d.Height; y += step[pass]) rows.push_back(y);
  } else {
    for (int y = 0; y < d.Height; ++y) rows.push_back(y);
  }
  for (const int y : rows) {
    if (DGifGetLine(gif, line.data(), d.Width) != GIF_OK)
      return fail(error, std::string("GIF frame data: ") + gif_error(gif->Error));
    const int row = d.Top + y;
    if (row < 0 || row >= canvas.rows) continue;
    for (int x = 0; x < d.Width; ++x) {
      const int col = d.Left + x, index = line[static_cast<std::size_t>(x)];
      if (col < 0 || col >= canvas.cols || index == transparent || index >= map->ColorCount) continue;
      const GifColorType& c = map->Colors[index];
      canvas.at<cv::Vec3b>(row, col) = cv::Vec3b(c.Blue, c.Green, c.Red);
    }
  }
  return true;
}

}  // namespace

bool decode_gif(std::string_view bytes, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels) {
  GifSource source{bytes};
  int code = 0;
  std::unique_ptr<GifFileType, void (*)(GifFileType*)> gif(DGifOpen(&source, read_gif, &code),
                                                           [](GifFileType* g) { DGifCloseFile(g, nullptr); });
  if (!gif) return fail(error, std::string("GIF not readable: ") + gif_error(code));
  const auto w = static_cast<std::uint64_t>(std::max(gif->SWidth, 0)),
             h = static_cast<std::uint64_t>(std::max(gif->SHeight, 0));
  if (auto why = over_cap("GIF", w, h, max_pixels); !why.empty()) return fail(error, why);
  cv::Vec3b background(0, 0, 0);
  if (gif->SColorMap && gif->SBackGroundColor < gif->SColorMap->ColorCount) {
    const GifColorType& c = gif->SColorMap->Colors[gif->SBackGroundColor];
    background = cv::Vec3b(c.Blue, c.Green, c.Red);
  }
  cv::Mat canvas(static_cast<int>(h), static_cast<int>(w), CV_8UC3,
                 cv::Scalar(background[0], background[1], background[2]));
  int transparent = -1;
  for (GifRecordType type{}; DGifGetRecordType(gif.get(), &type) == GIF_OK;) {
    if (type == TERMINATE_RECORD_TYPE) return fail(error, "GIF without an image");
    if (type == IMAGE_DESC_RECORD_TYPE) {
      if (DGifGetImageDesc(gif.get()) != GIF_OK)
        return fail(error, std::string("GIF image descriptor: ") + gif_error(gif->Error));
      if (!draw_gif_frame(gif.get(), canvas, transparent, max_pixels, error)) return false;
      bgr = canvas;
      return true;
    }
    if (type != EXTENSION_RECORD_TYPE) continue;
    int ext_code = 0;
    GifByteType* ext = nullptr;
    if (DGifGetExtension(gif.get(), &ext_code, &ext) != GIF_OK) break;
    if (ext_code == GRAPHICS_EXT_FUNC_CODE && ext && ext[0] >= 4 && (ext[1] & 1)) transparent = ext[4];
    while (ext)
      if (DGifGetExtensionNext(gif.get(), &ext) != GIF_OK) return fail(error, "GIF extension cut short");
  }
  return fail(error, std::string("GIF cut short: ") + gif_error(gif->Error));
}

namespace {

void apply_raw_flip(cv::Mat& image, int flip) {
  if (flip == 3) cv::rotate(image, image, cv::ROTATE_180);
  if (flip == 5) cv::rotate(image, image, cv::ROTATE_90_COUNTERCLOCKWISE);
  if (flip == 6) cv::rotate(image, image, cv::ROTATE_90_CLOCKWISE);
}

// The camera's embedded JPEG preview, when it exists and its shorter side is at least min_side.
bool raw_preview(LibRaw& raw, cv::Mat& bgr, std::uint64_t max_pixels, int min_side) {
  if (min_side <= 0 || raw.unpack_thumb() != LIBRAW_SUCCESS) return false;
  const libraw_thumbnail_t& t = raw.imgdata.thumbnail;
  if (t.tformat != LIBRAW_THUMBNAIL_JPEG || !t.thumb || t.tlength == 0) return false;
  const auto header = read_image_header(std::string_view(t.thumb, t.tlength));  // the guard, for the preview too
  if (!header || !over_cap("JPEG preview", header->width, header->height, max_pixels).empty() ||
      std::min(header->width, header->height) < static_cast<std::uint64_t>(min_side))
    return false;
  const cv::Mat buffer(1, static_cast<int>(t.tlength), CV_8U, t.thumb);
  cv::Mat preview = cv::imdecode(buffer, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
  if (preview.empty()) return false;
  apply_raw_flip(preview, raw.imgdata.sizes.flip);
  bgr = preview;
  return true;
}

}  // namespace

bool decode_raw(std::string_view bytes, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels, int min_side) {
  auto raw = std::make_unique<LibRaw>(LIBRAW_OPTIONS_NONE);  // large (hundreds of KiB): never on the stack
  int rc = raw->open_buffer(const_cast<char*>(bytes.data()), bytes.size());
  if (rc != LIBRAW_SUCCESS) return fail(error, std::string("camera RAW not readable: ") + libraw_strerror(rc));
  const libraw_image_sizes_t& s = raw->imgdata.sizes;
  if (auto why = over_cap("camera RAW", s.raw_width, s.raw_height, max_pixels); !why.empty()) return fail(error, why);
  try {
    if (raw_preview(*raw, bgr, max_pixels, min_side)) return true;
  } catch (const cv::Exception&) {
    // a damaged preview: demosaic the sensor data instead
  }
  raw->imgdata.params.output_bps = 8;
  raw->imgdata.params.use_camera_wb = 1;
  raw->imgdata.params.half_size =
      min_side > 0 && std::min(s.width, s.height) / 2 >= min_side;  // 4x faster, enough pixels
  if ((rc = raw->unpack()) != LIBRAW_SUCCESS || (rc = raw->dcraw_process()) != LIBRAW_SUCCESS)
    return fail(error, std::string("camera RAW not decodable: ") + libraw_strerror(rc));
  libraw_processed_image_t* out = raw->dcraw_make_mem_image(&rc);
  std::unique_ptr<libraw_processed_image_t, void (*)(libraw_processed_image_t*)> image(out, LibRaw::dcraw_clear_mem);
  if (!image || image->type != LIBRAW_IMAGE_BITMAP || image->colors != 3 || image->bits != 8)
    return fail(error, std::string("camera RAW gave no 8-bit RGB image: ") + libraw_strerror(rc));
  const cv::Mat rgb(image->height, image->width, CV_8UC3, image->data);
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  return true;
}

bool is_animated_webp(std::string_view b) {
  return b.size() > 20 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP" && b.substr(12, 4) == "VP8X" &&
         (static_cast<unsigned char>(b[20]) & 0x02) != 0;
}

bool decode_webp_animation(std::string_view bytes, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels) {
  WebPAnimDecoderOptions options;
  if (!WebPAnimDecoderOptionsInit(&options)) return fail(error, "WebP animation decoder could not start");
  options.color_mode = MODE_RGBA;
  options.use_threads = 0;
  const WebPData data{reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
  std::unique_ptr<WebPAnimDecoder, void (*)(WebPAnimDecoder*)> decoder(WebPAnimDecoderNew(&data, &options),
                                                                       WebPAnimDecoderDelete);
  WebPAnimInfo info;
  if (!decoder || !WebPAnimDecoderGetInfo(decoder.get(), &info))
    return fail(error, "WebP animation not readable (damaged or cut short)");
  if (auto why = over_cap("WebP animation", info.canvas_width, info.canvas_height, max_pixels); !why.empty())
    return fail(error, why);
  std::uint8_t* frame = nullptr;
  int timestamp = 0;
  if (!WebPAnimDecoderGetNext(decoder.get(), &frame, &timestamp) || !frame)
    return fail(error, "WebP animation without a decodable first frame");
  const cv::Mat rgba(static_cast<int>(info.canvas_height), static_cast<int>(info.canvas_width), CV_8UC4, frame);
  cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);  // copies: the frame belongs to the decoder
  return true;
}

bool decode_jxl(std::string_view bytes, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels) {
  const JxlDecoderPtr decoder = JxlDecoderMake(nullptr);
  JxlDecoder* d = decoder.get();
  if (JxlDecoderSubscribeEvents(d, JXL_DEC_BASIC_INFO | JXL_DEC_FULL_IMAGE) != JXL_DEC_SUCCESS ||
      JxlDecoderSetInput(d, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()) != JXL_DEC_SUCCESS)
    return fail(error, "JPEG XL decoder could not start");
  JxlDecoderCloseInput(d);
  const JxlPixelFormat format{3, JXL_TYPE_UINT8, JXL_NATIVE_ENDIAN, 0};
  std::vector<std::uint8_t> pixels;
  std::uint64_t w = 0, h = 0;
  for (;;) {
    const JxlDecoderStatus status = JxlDecoderProcessInput(d);
    if (status == JXL_DEC_ERROR) return fail(error, "JPEG XL codestream is invalid");
    if (status == JXL_DEC_NEED_MORE_INPUT) return fail(error, "JPEG XL file is cut short");
    if (status == JXL_DEC_FULL_IMAGE || status == JXL_DEC_SUCCESS) break;
    if (status == JXL_DEC_BASIC_INFO) {
      JxlBasicInfo info;
      if (JxlDecoderGetBasicInfo(d, &info) != JXL_DEC_SUCCESS) return fail(error, "JPEG XL without basic info");
      w = info.xsize, h = info.ysize;
      if (info.orientation > 4) std::swap(w, h);  // the decoder turns the image upright
      if (auto why = over_cap("JPEG XL", w, h, max_pixels); !why.empty()) return fail(error, why);
    } else if (status == JXL_DEC_NEED_IMAGE_OUT_BUFFER) {
      std::size_t size = 0;
      if (JxlDecoderImageOutBufferSize(d, &format, &size) != JXL_DEC_SUCCESS || size != w * h * 3)
        return fail(error, "JPEG XL image buffer does not match its size");
      pixels.resize(size);
      if (JxlDecoderSetImageOutBuffer(d, &format, pixels.data(), pixels.size()) != JXL_DEC_SUCCESS)
        return fail(error, "JPEG XL decoder refused the image buffer");
    }
  }
  if (pixels.empty()) return fail(error, "JPEG XL without an image");
  const cv::Mat rgb(static_cast<int>(h), static_cast<int>(w), CV_8UC3, pixels.data());
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  return true;
}

}  // namespace aia::detail
