#!/bin/bash
# A lean opencv-python-headless wheel for the checkpoint build (make dist), from the PyPI sdist: only the modules
# docexam calls (core, imgproc, imgcodecs, features for SIFT, flann, geometry for findHomography/MAGSAC and
# estimateAffine*), with PNG, JPEG, TIFF and WebP built in and no ffmpeg, BLAS/LAPACK, OpenCL or GUI. The official
# wheel and its bundled libraries are 152 MiB of the folder; this one is 25 MiB, and links only the C/C++ runtime.
# About 8 minutes on 2 cores; the Makefile builds it once per machine into the user cache.
#
# usage: tools/build_lean_opencv.sh SDIST.tar.gz OUTDIR BUILD_PYTHON
#   BUILD_PYTHON: a Python with the sdist's build requirements (numpy, scikit-build, setuptools, wheel, packaging)
set -euo pipefail
SDIST=$1; OUT=$2; PY=$3
mkdir -p "$OUT"
WORK=$(mktemp -d "$OUT/.build.XXXX")
trap 'rm -rf "$WORK"' EXIT
tar -C "$WORK" -xzf "$SDIST"
SRC=$(echo "$WORK"/opencv_python_headless-*)
# The typing-stub generator refines calib functions (calibrateCamera, ...) unconditionally; without calib it fails,
# py.typed is missing and setup.py aborts. Skip refinements of symbols whose module is not built.
AR=$SRC/opencv/modules/python/src2/typing_stubs_generation/api_refinement.py
sed -i 's/^from .ast_utils import (find_function_node, SymbolName,$/from .ast_utils import (find_function_node, SymbolName, SymbolNotFoundError,/' "$AR"
python3 - "$AR" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
old = "    for symbol_name, refine_symbol in NODES_TO_REFINE.items():\n        refine_symbol(root, symbol_name)\n"
new = ("    for symbol_name, refine_symbol in NODES_TO_REFINE.items():\n        try:\n            refine_symbol(root, symbol_name)\n"
       "        except SymbolNotFoundError:\n            continue\n")
assert old in s, "api_refinement.py changed upstream"
open(p, "w").write(s.replace(old, new))
PY
grep -q "SymbolName, SymbolNotFoundError," "$AR"
export ENABLE_HEADLESS=1 OPENCV_PYTHON_SKIP_GIT_COMMANDS=1 CMAKE_BUILD_PARALLEL_LEVEL=${JOBS:-2}
export CMAKE_ARGS="-DPYTHON3_LIMITED_API=ON -DBUILD_LIST=core,imgproc,imgcodecs,features,flann,geometry,python3 -DWITH_FFMPEG=OFF -DWITH_GSTREAMER=OFF -DWITH_V4L=OFF -DWITH_1394=OFF -DWITH_LAPACK=OFF -DWITH_EIGEN=OFF -DWITH_IPP=OFF -DWITH_OPENCL=OFF -DWITH_VA=OFF -DWITH_VA_INTEL=OFF -DWITH_OPENEXR=OFF -DBUILD_OPENEXR=OFF -DWITH_JASPER=OFF -DWITH_OPENJPEG=OFF -DWITH_AVIF=OFF -DWITH_JPEGXL=OFF -DWITH_GDAL=OFF -DWITH_GDCM=OFF -DWITH_PROTOBUF=OFF -DWITH_FLATBUFFERS=OFF -DWITH_ITT=OFF -DWITH_UNIFONT=OFF -DWITH_OPENVINO=OFF -DWITH_VULKAN=OFF -DWITH_TIFF=ON -DBUILD_TIFF=ON -DWITH_WEBP=ON -DBUILD_WEBP=ON -DWITH_PNG=ON -DBUILD_PNG=ON -DWITH_JPEG=ON -DBUILD_JPEG=ON -DBUILD_ZLIB=ON -DBUILD_TESTS=OFF -DBUILD_PERF_TESTS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_opencv_apps=OFF -DBUILD_JAVA=OFF -DBUILD_DOCS=OFF"
# -DWITH_UNIFONT=OFF: that option downloads a font at build time (docexam draws with the Hershey fonts only).
cd "$SRC"
"$PY" -m pip wheel --quiet --no-build-isolation --no-deps --no-cache-dir -w "$OUT" .
