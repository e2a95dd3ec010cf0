def out = new File(basedir, 'target/tomcat-cluster')
def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] Wrote the Tomcat 11.0 cluster configuration (DeltaManager, kubernetes membership, one '
        + 'for all nodes) to target/tomcat-cluster: 6 files, see target/tomcat-cluster/INSTALL.md')
// five replicas with the DeltaManager: the warning names the parameter and BackupManager
assert log.contains('[WARNING] <manager> is DeltaManager for 5 nodes (<kubernetesReplicas>): ')
assert log.contains('set <manager>BackupManager</manager>')

['cluster.xml', 'kubernetes/rbac.yaml', 'kubernetes/services.yaml', 'kubernetes/statefulset.yaml',
 'kubernetes/ingress.yaml', 'INSTALL.md'].each { assert new File(out, it).isFile() : it }

def statefulSet = new File(out, 'kubernetes/statefulset.yaml').text
assert statefulSet.contains('  name: shop\n  namespace: shop-prod\n')
assert statefulSet.contains('  replicas: 5\n')
assert statefulSet.contains('image: "shop:2.1"')
assert statefulSet.contains('serviceAccountName: shop\n')
assert statefulSet.contains('path: "/shop/health"')
def rbac = new File(out, 'kubernetes/rbac.yaml').text
assert rbac.contains('verbs: ["get", "list"]')

def install = new File(out, 'INSTALL.md').text
assert install.contains('kubectl create namespace shop-prod')
assert install.contains('kubectl -n shop-prod create configmap shop-server-xml '
        + '--from-file=server.xml=path/to/your/server.xml')
assert install.contains('kubectl apply -f kubernetes/')
true
