package org.openll.startd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.AdminFile;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.MachineLoadLConfig;
import org.openll.common.config.ConfigException;

/**
 * Reads this machine's configuration from the cluster home: {@code LoadL_config} with its
 * {@code LOCAL_CONFIG} ({@link MachineLoadLConfig}, the machine named by {@code --machine}), then
 * {@code LoadL_admin}. Every file is parsed before anything is returned, so a bad file throws and
 * changes nothing.
 */
public final class MachineConfigLoader {
  private final ClusterHome home;
  private final String machine;
  private final Path proc;

  public MachineConfigLoader(ClusterHome home, String machine, Path proc) {
    this.home = home;
    this.machine = machine;
    this.proc = proc;
  }

  /**
   * @throws ConfigException naming the file and line (or keyword) of the first error
   * @throws IOException when a file exists but cannot be read
   */
  public MachineConfig load() throws IOException {
    MachineLoadLConfig config = MachineLoadLConfig.load(home, machine);
    List<String> files = new ArrayList<>(config.files().stream().map(Path::toString).toList());
    Path adminPath = home.adminFile();
    AdminFile adminFile = AdminFile.load(adminPath);
    AdminConfig admin = AdminConfig.from(adminFile);
    files.add(adminPath.toString());
    MachineOffer offer = MachineOffer.from(config.config(), admin, machine, home.startdSpool(machine), MemInfo.read(proc));
    return new MachineConfig(config.config(), adminFile, admin, offer, files);
  }
}
