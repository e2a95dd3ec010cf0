import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks WARs as a user would: every entry reads back against its checksum, and WEB-INF/web.xml holds exactly one
 * <distributable/> element line. Usage: java .ci/CheckWars.java app.war [more.war …]; exit 1 on the first bad WAR.
 */
public class CheckWars {
    public static void main(String[] wars) throws Exception {
        for (String war : wars) {
            try (ZipFile zip = new ZipFile(war)) {
                String webXml = null;
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        byte[] content = in.readAllBytes(); // ZipFile checks each entry's CRC as it reads
                        if (entry.getName().equals("WEB-INF/web.xml")) {
                            webXml = new String(content, StandardCharsets.UTF_8);
                        }
                    }
                }
                int count = webXml == null ? 0 : webXml.split("<distributable/>", -1).length - 1;
                if (count != 1) {
                    System.out.println("BAD " + war + ": WEB-INF/web.xml has " + count + " <distributable/>");
                    System.exit(1);
                }
            }
        }
        System.out.println("checked " + wars.length + " WAR(s): each reads back and is distributable once");
    }
}
