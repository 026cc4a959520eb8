namespace OccluNet.Live.Overlay.Rendering;

/// <summary>The three programs: 16-bit image with window/level, solid colour, premultiplied text.</summary>
internal static class Shaders
{
    // Positions arrive in framebuffer pixels (origin top-left) and are mapped to clip space here.
    public const string Vertex = """
        #version 330 core
        layout(location = 0) in vec2 aPosition;
        layout(location = 1) in vec2 aTexCoord;
        uniform vec2 uViewport;
        out vec2 vTexCoord;
        void main() {
            gl_Position = vec4(aPosition.x / uViewport.x * 2.0 - 1.0, 1.0 - aPosition.y / uViewport.y * 2.0, 0.0, 1.0);
            vTexCoord = aTexCoord;
        }
        """;

    // DICOM PS3.3 C.11.2.1.2.1 linear VOI function on the stored value (R16 unorm * 65535), MONOCHROME1 inverted.
    public const string Image = """
        #version 330 core
        in vec2 vTexCoord;
        uniform sampler2D uImage;
        uniform float uCenter;
        uniform float uWidth;
        uniform int uInvert;
        out vec4 fragColor;
        void main() {
            float stored = floor(texture(uImage, vTexCoord).r * 65535.0 + 0.5);
            float w = max(uWidth, 1.0);
            float low = uCenter - 0.5 - (w - 1.0) / 2.0;
            float high = uCenter - 0.5 + (w - 1.0) / 2.0;
            float v = stored <= low ? 0.0 : (stored > high ? 1.0 : (w <= 1.0 ? 1.0 : (stored - (uCenter - 0.5)) / (w - 1.0) + 0.5));
            if (uInvert != 0) v = 1.0 - v;
            fragColor = vec4(v, v, v, 1.0);
        }
        """;

    public const string Solid = """
        #version 330 core
        uniform vec4 uColor;
        out vec4 fragColor;
        void main() { fragColor = uColor; }
        """;

    public const string Text = """
        #version 330 core
        in vec2 vTexCoord;
        uniform sampler2D uText;
        uniform float uOpacity;
        out vec4 fragColor;
        void main() { fragColor = texture(uText, vTexCoord) * uOpacity; }
        """;
}
